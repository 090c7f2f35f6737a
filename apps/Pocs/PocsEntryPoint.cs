namespace PocTracker.Pocs;

/// <summary>
/// Names the pocs app's assembly for whoever hosts it from outside, e.g.
/// <c>WebApplicationFactory&lt;PocsEntryPoint&gt;</c>, without relying on the global
/// <c>Program</c> type that every app has.
/// </summary>
public sealed class PocsEntryPoint
{
    private PocsEntryPoint()
    {
    }
}
