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
    private readonly Counter<long> indexLoads;
    private readonly Histogram<double> indexLoadDuration;
    private readonly Counter<long> indexChanges;
    private readonly Counter<long> gitHubCalls;

    public PocsMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        writes = meter.CreateCounter<long>("poctracker.pocs.writes", unit: "{write}", description: "POCs created, updated or deleted.");
        searches = meter.CreateCounter<long>("poctracker.pocs.searches", unit: "{search}", description: "POC searches served.");
        searchDuration = meter.CreateHistogram<double>("poctracker.pocs.search.duration", unit: "ms", description: "Time to answer a POC search.");
        indexLoads = meter.CreateCounter<long>("poctracker.pocs.search_index.loaded_pocs", unit: "{poc}", description: "POCs read into tenants' search indexes by full loads.");
        indexLoadDuration = meter.CreateHistogram<double>("poctracker.pocs.search_index.load.duration", unit: "ms", description: "Time to load one tenant's search index.");
        indexChanges = meter.CreateCounter<long>("poctracker.pocs.search_index.changes", unit: "{poc}", description: "Changed POCs applied to search indexes by catch-ups.");
        gitHubCalls = meter.CreateCounter<long>("poctracker.pocs.github.calls", unit: "{call}", description: "Calls to GitHub's REST API by the GitHub import, by outcome.");
    }

    public void Written(string operation, int count = 1) => writes.Add(count, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>A search answered; <paramref name="path"/> says by what: <c>index</c> or <c>database</c>.</summary>
    public void Searched(string kind, string path, TimeSpan elapsed)
    {
        var tags = new TagList { { "kind", kind }, { "path", path } };
        searches.Add(1, tags);
        searchDuration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void SearchIndexLoaded(int pocs, TimeSpan elapsed)
    {
        indexLoads.Add(pocs);
        indexLoadDuration.Record(elapsed.TotalMilliseconds);
    }

    /// <summary>A call to GitHub (<c>repository</c>, <c>user-repositories</c>) ended: <c>ok</c> (a 304 answered from the ETag cache too), <c>not-found</c>, <c>rate-limited</c>, <c>failed</c>, <c>unreachable</c> or <c>timeout</c>.</summary>
    public void GitHubCalled(string call, string outcome) =>
        gitHubCalls.Add(1, new KeyValuePair<string, object?>("call", call), new KeyValuePair<string, object?>("outcome", outcome));

    public void SearchIndexCaughtUp(int changes) => indexChanges.Add(changes);

    /// <summary>Reports the POCs the replica's search indexes hold, read when metrics are collected.</summary>
    public void ObserveIndexedPocs(Func<long> read) =>
        meter.CreateObservableGauge("poctracker.pocs.search_index.pocs", read, unit: "{poc}", description: "POCs held by this replica's search indexes.");

    public void Dispose() => meter.Dispose();
}
