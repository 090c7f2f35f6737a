namespace PocTracker.Gateway;

/// <summary>
/// Names the gateway's assembly for whoever hosts it from outside, without relying on the global
/// <c>Program</c> type that every app has.
/// </summary>
public sealed class GatewayEntryPoint
{
    private GatewayEntryPoint()
    {
    }
}
