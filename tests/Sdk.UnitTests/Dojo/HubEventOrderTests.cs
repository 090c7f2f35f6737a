using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Sdk.UnitTests.Dojo;

public sealed class HubEventOrderTests
{
    [Fact]
    public void A_drops_reconnecting_event_that_runs_after_the_reconnect_leaves_the_sessions_alone()
    {
        // SignalR raised Reconnecting, reconnected at once (the first delay is zero) and raised Reconnected; the
        // thread pool ran Reconnected's handler (the rejoin is under way) before Reconnecting's.
        var state = HubConnectionState.Connected;
        var events = new HubEventOrder(() => state);
        var disconnected = 0;

        Assert.False(events.IfStill(HubConnectionState.Reconnecting, () => disconnected++));
        Assert.Equal(0, disconnected);
    }

    [Fact]
    public void Events_that_run_while_the_hub_is_in_their_state_act()
    {
        var state = HubConnectionState.Reconnecting;
        var events = new HubEventOrder(() => state);
        var seen = new List<string>();

        Assert.True(events.IfStill(HubConnectionState.Reconnecting, () => seen.Add("disconnected")));
        state = HubConnectionState.Connected;
        Assert.True(events.IfStill(HubConnectionState.Connected, () => seen.Add("connected")));
        // A Reconnected raised before the hub dropped again, run after: the next reconnect rejoins.
        state = HubConnectionState.Reconnecting;
        Assert.False(events.IfStill(HubConnectionState.Connected, () => seen.Add("connected")));

        Assert.Equal(["disconnected", "connected"], seen);
    }
}
