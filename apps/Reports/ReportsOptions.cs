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

    /// <summary>The Retry-After of a 429: about how long a large report takes.</summary>
    public int RetryAfterSeconds { get; set; } = 30;
}
