using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PocTracker.Pocs;

/// <summary>The pocs app's own metrics and traces (meter and source <c>PocTracker.Pocs</c>).</summary>
internal sealed class PocsMetrics : IDisposable
{
    public const string Name = "PocTracker.Pocs";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter meter;
    private readonly Counter<long> writes;
    private readonly Counter<long> searches;
    private readonly Histogram<double> searchDuration;

    public PocsMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        writes = meter.CreateCounter<long>("poctracker.pocs.writes", unit: "{write}", description: "POCs created, updated or deleted.");
        searches = meter.CreateCounter<long>("poctracker.pocs.searches", unit: "{search}", description: "POC searches served.");
        searchDuration = meter.CreateHistogram<double>("poctracker.pocs.search.duration", unit: "ms", description: "Time to answer a POC search.");
    }

    public void Written(string operation) => writes.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Searched(string kind, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        searches.Add(1, tag);
        searchDuration.Record(elapsed.TotalMilliseconds, tag);
    }

    public void Dispose() => meter.Dispose();
}
