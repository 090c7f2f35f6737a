using Microsoft.AspNetCore.SignalR.Client;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// Reconnects for as long as it takes (SignalR's default gives up after four tries): an editor with
/// unacknowledged edits wants them delivered whenever the server is back. It stops only when
/// <paramref name="isFinal"/> says the last attempt's failure cannot be cured by trying again (no
/// access token to be had).
/// </summary>
internal sealed class RetryForever(IReadOnlyList<TimeSpan> delays, Func<Exception?, bool> isFinal) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);
        if (isFinal(retryContext.RetryReason))
        {
            return null;
        }

        return delays.Count == 0 ? TimeSpan.FromSeconds(1) : delays[(int)Math.Min(retryContext.PreviousRetryCount, delays.Count - 1)];
    }
}
