using Microsoft.AspNetCore.SignalR.Client;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// Reconnects for as long as it takes (SignalR's default gives up after four tries): an editor with
/// unacknowledged edits wants them delivered whenever the server is back.
/// </summary>
internal sealed class RetryForever(IReadOnlyList<TimeSpan> delays) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        delays.Count == 0 ? TimeSpan.FromSeconds(1) : delays[(int)Math.Min(retryContext.PreviousRetryCount, delays.Count - 1)];
}
