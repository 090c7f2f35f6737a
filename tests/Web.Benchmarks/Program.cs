using System.Globalization;
using PocTracker.TestSupport;
using PocTracker.Web.Benchmarks;

// ./bench.sh web [--loads N] [--searches N] [--out FILE]: the web app's performance budget (docs/performance.md, "Web app").
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var dataDirectory = StandaloneProcess.CreateDataDirectory();
try
{
    Console.Error.WriteLine("Starting Standalone with the demo data (as ./run.sh does) ...");
    await using var standalone = StandaloneProcess.Start(dataDirectory, "--demo");
    await standalone.WaitUntilListeningAsync();
    await using var browser = await PhoneBrowser.LaunchAsync();

    var loadAverage = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    var results = await WebBudget.MeasureAsync(browser, standalone.BaseAddress, options, Console.Error);
    // bench.sh publishes Standalone (trimmed, compressed: what ./run.sh and an image serve) unless told --build-output.
    var served = Environment.GetEnvironmentVariable(StandaloneProcess.DllVariable) is { Length: > 0 }
        ? "the published Standalone (`dotnet publish -c Release`: the web app trimmed, Brotli-compressed), as `./run.sh` and a container image serve it"
        : "Standalone's build output (`dotnet build -c Release`: untrimmed, no precompressed files), as the browser tests run it";
    var report = Report.Markdown(results, options, loadAverage, served);
    Console.WriteLine(report);
    if (options.OutputFile is { } file)
    {
        await File.WriteAllTextAsync(file, report);
    }

    return 0;
}
finally
{
    StandaloneProcess.DeleteDataDirectory(dataDirectory);
}

namespace PocTracker.Web.Benchmarks
{
    internal sealed record BenchmarkOptions(int Loads, int Searches, string? OutputFile)
    {
        public const string Usage = """
            ./bench.sh web [--build-output] [--loads N] [--searches N] [--out FILE]
              --build-output measure Standalone's build output (what the browser tests run) instead of its published form
              --loads N      cold and warm loads of / each (default 5)
              --searches N   searches typed into the list's search box, each after the previous one rendered (default 40)
              --out FILE     also write the Markdown report to FILE
            """;

        public static BenchmarkOptions? Parse(string[] args)
        {
            var options = new BenchmarkOptions(5, 40, null);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--loads" when Positive(value) is { } loads:
                        options = options with { Loads = loads };
                        i++;
                        break;
                    case "--searches" when Positive(value) is { } searches:
                        options = options with { Searches = searches };
                        i++;
                        break;
                    case "--out" when value is { Length: > 0 }:
                        options = options with { OutputFile = value };
                        i++;
                        break;
                    default:
                        return null;
                }
            }

            return options;
        }

        private static int? Positive(string? value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }
}
