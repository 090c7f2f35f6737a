namespace PocTracker.Contracts.Video;

/// <summary>A year video as its owner sees it: the job making it, then the film.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Progress">0–100.</param>
/// <param name="Stage">While running: <c>collecting</c>, <c>writing</c>, <c>rendering</c>, <c>encoding</c> or <c>storing</c>; null otherwise.</param>
/// <param name="Format"><c>landscape</c> (1280×720) or <c>vertical</c> (1080×1920).</param>
/// <param name="Culture"><c>pt-BR</c> or <c>en</c>.</param>
/// <param name="Reason">Why it failed, in words for the user, when it did.</param>
/// <param name="PeriodStart">First day the film tells.</param>
/// <param name="PeriodEnd">Last day the film tells.</param>
/// <param name="Pocs">POCs of the period, once collected.</param>
/// <param name="DurationSeconds">The film's length, once done.</param>
/// <param name="Bytes">The MP4's size, once done.</param>
/// <param name="ContentUrl">Where to download the MP4 (with the access token), once done.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="StartedAt">When work began.</param>
/// <param name="FinishedAt">When it succeeded or failed.</param>
public sealed record VideoDto(
    Guid Id,
    string Status,
    int Progress,
    string? Stage,
    string Format,
    string Culture,
    string? Reason,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int? Pocs,
    double? DurationSeconds,
    long? Bytes,
    string? ContentUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
