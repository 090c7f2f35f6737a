using Microsoft.AspNetCore.SignalR.Client;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// Lets a connection event act only while the hub is still in the state the event reports. SignalR raises
/// <c>Reconnecting</c>, <c>Reconnected</c> and <c>Closed</c> on the thread pool without waiting for them, so
/// under load a drop's <c>Reconnecting</c> can run after the reconnect succeeded and after <c>Reconnected</c>
/// started the sessions' rejoin. Marking the sessions disconnected then makes that join stale, and nothing joins
/// again on a connection that is up: the editor stays connected but out of its room (ConvergenceTests, seed
/// 515506018). The check and the action are one step under a lock, so a <c>Reconnected</c> that starts the rejoin
/// after its own check comes after any <c>Reconnecting</c> that saw the hub still reconnecting.
/// </summary>
internal sealed class HubEventOrder(Func<HubConnectionState> state)
{
    private readonly Lock order = new();

    /// <summary>Runs <paramref name="action"/> if the hub is still <paramref name="reported"/>; false when the event is stale.</summary>
    public bool IfStill(HubConnectionState reported, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (order)
        {
            if (state() != reported)
            {
                return false;
            }

            action();
            return true;
        }
    }
}
