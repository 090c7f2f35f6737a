using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PocTracker.Dojo.Benchmarks.Rooms;

/// <summary>
/// What can hold the room up for a while, counted so far: the dojo app's garbage-collector pause time and
/// generation-2 collections (its own Prometheus metrics, scraped from its management port), the generator's
/// (this process), and PostgreSQL's checkpoints (<c>pg_stat_bgwriter</c>). Two samples around a size's
/// measured seconds say whether a slow tail came with a long collection or a checkpoint.
/// </summary>
internal readonly partial record struct PauseSample(double? AppPauseMs, long? AppGen2, double GeneratorPauseMs, long GeneratorGen2, long Checkpoints)
{
    public static async Task<PauseSample> TakeAsync(HttpClient metrics, string postgresAdmin)
    {
        var scraped = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double? pauseSeconds = null;
        long? gen2 = null;
        foreach (Match line in MetricLine().Matches(scraped))
        {
            var value = double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            switch (line.Groups["name"].Value)
            {
                case "dotnet_gc_pause_time_seconds_total":
                    pauseSeconds = value;
                    break;
                case "dotnet_gc_collections_total" when line.Groups["labels"].Value.Contains("gc_heap_generation=\"gen2\"", StringComparison.Ordinal):
                    gen2 = (long)value;
                    break;
            }
        }

        await using var connection = new NpgsqlConnection(postgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select checkpoints_timed + checkpoints_req from pg_stat_bgwriter", connection);
        var checkpoints = (long)(await command.ExecuteScalarAsync())!;
        return new PauseSample(pauseSeconds * 1000, gen2, GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(2), checkpoints);
    }

    /// <summary>"app 12 ms (1 gen2) · generator 30 ms (0 gen2) · 0 checkpoints" between two samples.</summary>
    public static string Between(PauseSample from, PauseSample to)
    {
        var app = to.AppPauseMs - from.AppPauseMs is { } pause ? string.Create(CultureInfo.InvariantCulture, $"{pause:N0} ms ({to.AppGen2 - from.AppGen2} gen2)") : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"app {app} · generator {to.GeneratorPauseMs - from.GeneratorPauseMs:N0} ms ({to.GeneratorGen2 - from.GeneratorGen2} gen2) · {to.Checkpoints - from.Checkpoints} checkpoints");
    }

    // One sample of the Prometheus text format: name, optional {labels}, value (a timestamp may follow).
    [GeneratedRegex(@"^(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(\{(?<labels>[^}]*)\})?[ \t]+(?<value>[^ \t\r\n]+)", RegexOptions.Multiline)]
    private static partial Regex MetricLine();
}
