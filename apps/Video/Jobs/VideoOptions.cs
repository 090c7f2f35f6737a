namespace PocTracker.Video.Jobs;

/// <summary>Settings of the video app (section <c>Video</c>).</summary>
internal sealed class VideoOptions
{
    public const string SectionName = "Video";

    /// <summary>Videos a tenant may have queued or running at once; past it, 429 with Retry-After.</summary>
    public int MaxRunningPerTenant { get; set; } = 2;

    /// <summary>The time zone for viewers whose token names none (<c>zoneinfo</c>): the product's customers are in Brazil.</summary>
    public string DefaultTimeZone { get; set; } = "America/Sao_Paulo";

    /// <summary>The Retry-After of a 429: about how long a film takes.</summary>
    public int RetryAfterSeconds { get; set; } = 60;
}
