using PocTracker.Contracts.Video;

namespace PocTracker.Video.Jobs;

/// <summary>A row of <c>video_jobs</c>.</summary>
internal sealed class VideoJobRow
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string Status { get; init; } = "";
    public string? Stage { get; init; }
    public int Progress { get; init; }
    public string Format { get; init; } = "";
    public string Culture { get; init; } = "";
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public string? Failure { get; init; }
    public int? Pocs { get; init; }
    public string? ObjectKey { get; init; }
    public long? DurationMs { get; init; }
    public long? Bytes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public const string Columns = """
        tenant_id as TenantId, id as Id, user_id as UserId, status as Status, stage as Stage, progress as Progress,
        format as Format, culture as Culture, period_start as PeriodStart, period_end as PeriodEnd, failure as Failure,
        pocs as Pocs, object_key as ObjectKey, duration_ms as DurationMs, bytes as Bytes, created_at as CreatedAt,
        started_at as StartedAt, updated_at as UpdatedAt, finished_at as FinishedAt
        """;

    public bool IsActive => Status is VideoJobStatus.Queued or VideoJobStatus.Running;

    public VideoDto ToDto() => new(
        Id, Status, Progress, Status == VideoJobStatus.Running ? Stage : null, Format, Culture, Failure, PeriodStart, PeriodEnd, Pocs,
        DurationMs / 1000.0, Bytes, ObjectKey is null ? null : VideoJobsApi.ContentUrl(Id), CreatedAt, StartedAt, FinishedAt);
}

/// <summary>The statuses of a video job.</summary>
internal static class VideoJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>The stages of a running job, in order.</summary>
internal static class VideoStage
{
    public const string Collecting = "collecting";
    public const string Writing = "writing";
    public const string Rendering = "rendering";
    public const string Encoding = "encoding";
    public const string Storing = "storing";
}
