namespace PocTracker.Contracts.Reports;

/// <summary>A report job as its owner sees it.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Format"><c>csv</c> or <c>pdf</c>.</param>
/// <param name="Rows">POCs in the report, once done.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="DownloadUrl">A link valid for a few minutes (ask again for a fresh one), once succeeded.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="ExpiresAt">When the job and its file are deleted.</param>
public sealed record ReportJob(
    Guid Id, string Status, string Format, long? Rows, string? Failure, Uri? DownloadUrl,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset ExpiresAt);
