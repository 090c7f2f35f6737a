using System.Diagnostics.Metrics;

namespace PocTracker.Dojo;

/// <summary>The dojo app's own metrics (meter <c>PocTracker.Dojo</c>).</summary>
internal sealed class DojoMetrics : IDisposable
{
    public const string Name = "PocTracker.Dojo";

    private readonly Meter meter;
    private readonly Counter<long> operations;

    public DojoMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        operations = meter.CreateCounter<long>("poctracker.dojo.operations", unit: "{operation}",
            description: "Operations submitted to rooms, by outcome (accepted, duplicate, resync).");
    }

    public void Submitted(string outcome) => operations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => meter.Dispose();
}
