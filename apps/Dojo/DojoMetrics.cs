using System.Diagnostics.Metrics;

namespace PocTracker.Dojo;

/// <summary>The dojo app's own metrics (meter <c>PocTracker.Dojo</c>): operations by outcome, broadcast latency, refused calls by reason, connections dropped for falling behind.</summary>
internal sealed class DojoMetrics : IDisposable
{
    public const string Name = "PocTracker.Dojo";

    private readonly Meter meter;
    private readonly Counter<long> operations;
    private readonly Histogram<double> broadcastDuration;
    private readonly Counter<long> refusals;
    private readonly Counter<long> droppedConnections;

    public DojoMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        operations = meter.CreateCounter<long>("poctracker.dojo.operations", unit: "{operation}",
            description: "Operations submitted to rooms, by outcome (accepted, duplicate, resync).");
        broadcastDuration = meter.CreateHistogram<double>("poctracker.dojo.broadcast.duration", unit: "ms",
            description: "Time from a submission reaching the room host to its accepted operation handed to the connections' outbound queues (the submitter's Ack, the room's Operation).");
        refusals = meter.CreateCounter<long>("poctracker.dojo.refusals", unit: "{call}",
            description: "Hub calls refused, by reason (the DojoErrorCodes code: malformed-operation, rate-limited, not-joined, …); the room is unchanged.");
        droppedConnections = meter.CreateCounter<long>("poctracker.dojo.connections.dropped", unit: "{connection}",
            description: "Hub connections closed by the server because more than Dojo:Rooms:MaxOutboundQueueBytes of messages waited for their socket (a client that stopped reading); the room did not wait for them.");
    }

    public void Submitted(string outcome) => operations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>An accepted operation was handed to the connections' outbound queues <paramref name="elapsed"/> after its submission reached the room host.</summary>
    public void Broadcast(TimeSpan elapsed) => broadcastDuration.Record(elapsed.TotalMilliseconds);

    public void Refused(string reason) => refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A connection was closed because its outbound queue passed the bound.</summary>
    public void ConnectionDropped() => droppedConnections.Add(1);

    public void Dispose() => meter.Dispose();
}
