using System.Globalization;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// How long the fuzz test runs and from which seed. By default (<c>./test.sh</c>) a fixed seed and a fixed
/// number of cases per route, so every run sends the same requests; <c>./fuzz.sh</c> sets
/// <c>FUZZ_SECONDS</c> (run for that long) and <c>FUZZ_SEED</c> (random unless given).
/// </summary>
internal sealed record FuzzSettings(int Seed, int CasesPerRoute, TimeSpan? Duration, int Parallelism)
{
    public const int DefaultSeed = 20261203;
    public const int DefaultCasesPerRoute = 30;

    public static FuzzSettings FromEnvironment() => new(
        Number("FUZZ_SEED") ?? DefaultSeed,
        Number("FUZZ_CASES") ?? DefaultCasesPerRoute,
        Number("FUZZ_SECONDS") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Number("FUZZ_PARALLEL") ?? 4);

    /// <summary>The command that sends the same requests again.</summary>
    public string Replay => Duration is { } duration
        ? $"./fuzz.sh --seed {Seed} --seconds {duration.TotalSeconds:0}"
        : $"./fuzz.sh --seed {Seed} --cases {CasesPerRoute}";

    public string Describe(int routes) => Duration is { } duration
        ? $"seed {Seed}, {routes} routes for {duration.TotalSeconds:0} s"
        : $"seed {Seed}, {routes} routes × {CasesPerRoute} cases";

    private static int? Number(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
