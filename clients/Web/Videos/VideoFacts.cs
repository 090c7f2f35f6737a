using System.Globalization;
using Microsoft.Extensions.Localization;
using PocTracker.Contracts.Video;

namespace PocTracker.Web.Videos;

/// <summary>A video's facts in the person's words: its state and stage, period, length and size.</summary>
public static class VideoFacts
{
    public static bool InTheMaking(this VideoDto video) => video.Status is "queued" or "running";

    public static string StateName(IStringLocalizer<VideosText> text, VideoDto video) =>
        text["State_" + video.Status] is { ResourceNotFound: false } name ? name : video.Status;

    /// <summary>What is happening now: the stage while running, else the state.</summary>
    public static string StageName(IStringLocalizer<VideosText> text, VideoDto video) =>
        video.Status == "running" && video.Stage is { } stage && text["Stage_" + stage] is { ResourceNotFound: false } name
            ? name
            : StateName(text, video);

    /// <summary>"Dec 2025 – Nov 2026" (the months the film tells).</summary>
    public static string Period(VideoDto video) =>
        $"{video.PeriodStart.ToString("MMM yyyy", CultureInfo.CurrentCulture)} – {video.PeriodEnd.ToString("MMM yyyy", CultureInfo.CurrentCulture)}";

    /// <summary>"0:42".</summary>
    public static string Length(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>"3.4 MB" / "3,4 MB".</summary>
    public static string Size(long bytes) => bytes >= 1_000_000
        ? (bytes / 1_000_000d).ToString("0.0", CultureInfo.CurrentCulture) + " MB"
        : Math.Max(1, bytes / 1000).ToString(CultureInfo.CurrentCulture) + " kB";
}
