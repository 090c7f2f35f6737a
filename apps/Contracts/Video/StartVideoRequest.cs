namespace PocTracker.Contracts.Video;

/// <summary>The optional body of <c>POST /api/videos</c>.</summary>
/// <param name="Format"><c>landscape</c> (default, 1280×720) or <c>vertical</c> (1080×1920, for phones).</param>
public sealed record StartVideoRequest(string? Format = null);
