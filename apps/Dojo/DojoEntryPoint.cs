namespace PocTracker.Dojo;

/// <summary>
/// Names the dojo app's assembly for whoever hosts it from outside, e.g.
/// <c>WebApplicationFactory&lt;DojoEntryPoint&gt;</c>, without relying on the global
/// <c>Program</c> type that every app has.
/// </summary>
public sealed class DojoEntryPoint
{
    private DojoEntryPoint()
    {
    }
}
