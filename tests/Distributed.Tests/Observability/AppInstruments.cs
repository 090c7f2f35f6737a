using System.Text.RegularExpressions;

namespace PocTracker.Distributed.Tests.Observability;

/// <summary>An instrument an app defines (<c>meter.Create…("poctracker.…", unit: "…")</c>) and the series Prometheus gets from it.</summary>
public sealed record AppInstrument(string File, string Kind, string Name, string Unit)
{
    /// <summary>
    /// The metric name as OpenTelemetry's Prometheus exporter (1.20) writes it: dots and other characters to
    /// underscores, the unit's OpenMetrics name appended (annotations in braces are dropped), <c>_total</c> for counters.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = Regex.Replace(Name, "[^a-zA-Z0-9_:]", "_");
            if (UnitSuffix(Unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            {
                name += "_" + suffix;
            }

            return Kind.Contains("Counter", StringComparison.Ordinal) && !Kind.Contains("UpDown", StringComparison.Ordinal) ? name + "_total" : name;
        }
    }

    /// <summary>Every series name a query may use: a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c>, else the name itself.</summary>
    public IEnumerable<string> SeriesNames => Kind.Contains("Histogram", StringComparison.Ordinal)
        ? [PrometheusName + "_bucket", PrometheusName + "_sum", PrometheusName + "_count"]
        : [PrometheusName];

    private static string? UnitSuffix(string unit) => unit switch
    {
        "" or "1" => null,
        _ when unit.StartsWith('{') => null,
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        _ => throw new InvalidDataException($"Unit '{unit}' has no mapping here: add the exporter's (PrometheusMetric.MapUnit)."),
    };
}

/// <summary>The <c>poctracker.*</c> instruments defined in the apps' code (apps/**/*.cs).</summary>
public static partial class AppInstruments
{
    public static IReadOnlyList<AppInstrument> Read(string repositoryRoot)
    {
        var apps = Path.Combine(repositoryRoot, "apps");
        return [.. Directory.EnumerateFiles(apps, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => Creation().Matches(File.ReadAllText(file)).Select(m => new AppInstrument(
                Path.GetRelativePath(repositoryRoot, file), m.Groups["kind"].Value, m.Groups["name"].Value, m.Groups["unit"].Success ? m.Groups["unit"].Value : "")))];
    }

    /// <summary><c>Create&lt;Kind&gt;[&lt;T&gt;]("poctracker.…", …, unit: "…"</c> up to the call's end (no semicolon in between).</summary>
    [GeneratedRegex("""Create(?<kind>Counter|Histogram|UpDownCounter|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<\w+>)?\(\s*"(?<name>poctracker\.[^"]+)"(?:[^;]*?unit:\s*"(?<unit>[^"]*)")?""", RegexOptions.Singleline)]
    private static partial Regex Creation();
}
