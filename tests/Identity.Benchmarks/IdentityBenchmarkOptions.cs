using System.Globalization;

namespace PocTracker.Identity.Benchmarks;

/// <summary>The login benchmark's command line.</summary>
internal sealed record IdentityBenchmarkOptions(
    IReadOnlyList<int> Concurrency, TimeSpan Warmup, TimeSpan Duration, int StepSamples, bool SkipValidation, string? OutPath)
{
    public const string Usage = """
        Usage: ./bench.sh identity [options]
          --concurrency 1,4,16   concurrent logins, one measurement per value (default 1,4,16)
          --duration 20          seconds measured per concurrency level (default 20)
          --warmup 5             seconds of unrecorded warm-up per level (default 5)
          --steps 15             sequential logins timed step by step (default 15)
          --no-validation        skip the token-validation benchmark (BenchmarkDotNet, about 1 minute)
          --out PATH             also write the Markdown report to PATH
        """;

    public static IdentityBenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new IdentityBenchmarkOptions([1, 4, 16], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), 15, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"'{text}' is not a positive whole number.");
            options = args[i] switch
            {
                "--concurrency" => options with { Concurrency = [.. Value().Split(',').Select(Positive)] },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(Value())) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(Value())) },
                "--steps" => options with { StepSamples = Positive(Value()) },
                "--no-validation" => options with { SkipValidation = true },
                "--out" => options with { OutPath = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
