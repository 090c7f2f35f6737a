namespace PocTracker.Reports.Jobs;

/// <summary>A row of <c>report_jobs</c>.</summary>
internal sealed class ReportJobRow
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string Format { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Failure { get; init; }
    public string FileName { get; init; } = "";
    public string? ObjectKey { get; init; }
    public long? Rows { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    public const string Columns = """
        tenant_id as TenantId, id as Id, user_id as UserId, format as Format, status as Status, failure as Failure,
        file_name as FileName, object_key as ObjectKey, rows as Rows, created_at as CreatedAt, finished_at as FinishedAt,
        expires_at as ExpiresAt
        """;
}

/// <summary>The statuses of a job.</summary>
internal static class ReportJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
