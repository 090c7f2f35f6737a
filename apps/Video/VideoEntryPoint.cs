namespace PocTracker.Video;

/// <summary>
/// Names the video app's assembly for whoever hosts it from outside, e.g.
/// <c>WebApplicationFactory&lt;VideoEntryPoint&gt;</c>.
/// </summary>
public sealed class VideoEntryPoint
{
    private VideoEntryPoint()
    {
    }
}
