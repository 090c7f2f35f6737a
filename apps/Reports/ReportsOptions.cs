namespace PocTracker.Reports;

/// <summary>The reports app's settings (section <c>Reports</c>): how many background jobs it takes on.</summary>
internal sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>
    /// Report jobs a tenant may have queued or running at once, counted in the database (so across
    /// every replica); past it, 429 with Retry-After.
    /// </summary>
    public int MaxRunningPerTenant { get; set; } = 10;

    /// <summary>Report jobs one user may have queued or running at once, across replicas; past it, 429 with Retry-After.</summary>
    public int MaxRunningPerUser { get; set; } = 3;

    /// <summary>
    /// Jobs waiting in one replica's queue (the replica runs one at a time); past it, 503 with
    /// Retry-After: the replica is busy, whoever asks.
    /// </summary>
    public int MaxQueuedPerReplica { get; set; } = 50;

    /// <summary>The Retry-After of a 429 or 503: about how long a large report takes.</summary>
    public int RetryAfterSeconds { get; set; } = 30;
}
