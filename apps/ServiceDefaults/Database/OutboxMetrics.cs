using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// The outbox relays' metrics (meter <c>PocTracker.Outbox</c>), tagged by app database: how long committed events waited
/// to be published, the age of the oldest one the relay last found unsent (0 when it found none), failed publishes, and
/// relay rounds that could not reach the database.
/// Together they tell a relay that falls behind from one that is stuck (a publish failing, or the relay not running).
/// </summary>
internal sealed class OutboxMetrics : IDisposable
{
    public const string Name = "PocTracker.Outbox";

    private readonly Meter meter;
    private readonly TimeProvider time;
    private readonly Histogram<double> publishDelay;
    private readonly Counter<long> publishFailures;
    private readonly Counter<long> relayFailures;

    /// <summary>Per database, when the oldest message the relay last saw unsent was committed (null: none was).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset?> oldestPending = new();

    public OutboxMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.time = time;
        meter = meterFactory.Create(Name);
        publishDelay = meter.CreateHistogram<double>("poctracker.outbox.publish.delay", unit: "s",
            description: "Time from an integration event's commit (its outbox row) to its publication, by database.");
        publishFailures = meter.CreateCounter<long>("poctracker.outbox.publish.failures", unit: "{message}",
            description: "Outbox messages whose publication failed (they stay queued and are retried), by database.");
        relayFailures = meter.CreateCounter<long>("poctracker.outbox.relay.failures", unit: "{round}",
            description: "Relay rounds that could not read the outbox (the database refused or timed out), by database: a database connection problem.");
        meter.CreateObservableGauge("poctracker.outbox.oldest_pending.age", ObserveOldestPending, unit: "s",
            description: "Age of the oldest outbox message the relay last found unsent (0 when none), by database: grows while the relay is stuck.");
    }

    public void Published(string database, DateTimeOffset occurredAt) =>
        publishDelay.Record(Math.Max(0, (time.GetUtcNow() - occurredAt).TotalSeconds), new KeyValuePair<string, object?>("database", database));

    public void PublishFailed(string database) => publishFailures.Add(1, new KeyValuePair<string, object?>("database", database));

    public void RelayFailed(string database) => relayFailures.Add(1, new KeyValuePair<string, object?>("database", database));

    /// <summary>After a batch: the oldest message still unsent, or null when the relay sent everything it found.</summary>
    public void Pending(string database, DateTimeOffset? oldestOccurredAt) => oldestPending[database] = oldestOccurredAt;

    private IEnumerable<Measurement<double>> ObserveOldestPending()
    {
        var now = time.GetUtcNow();
        foreach (var (database, oldest) in oldestPending)
        {
            yield return new Measurement<double>(oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("database", database));
        }
    }

    public void Dispose() => meter.Dispose();
}
