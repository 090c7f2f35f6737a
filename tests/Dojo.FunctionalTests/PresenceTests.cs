using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

public sealed class PresenceTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task A_joiner_sees_everyone_with_name_colour_and_cursor_and_the_others_hear_of_the_arrival()
    {
        var ana = TestUser.NewTenantOwner();
        var bruno = ana.Colleague();
        var roomId = await Host.CreateRoomAsync(ana);
        await using var first = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(ana, "Ana Souza"), roomId);
        var cursor = new ParticipantPresence(0, [new PresenceSelection(0, 0)]);
        await first.UpdateAsync(cursor);

        await using var second = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(bruno, "Bruno Lima"), roomId);

        var anaSeen = Assert.Single(second.Joined.Participants, p => p.UserId == ana.UserId);
        Assert.Equal("Ana Souza", anaSeen.Name);
        Assert.Equal(ParticipantColours.Of(ana.UserId), anaSeen.Colour);
        Assert.Equal(cursor.Selections, anaSeen.Presence!.Selections);
        Assert.Contains(second.Joined.Participants, p => p.UserId == bruno.UserId && p.Name == "Bruno Lima" && p.Presence is null);
        var arrival = await first.WaitForAsync(p => p.UserId == bruno.UserId);
        Assert.Equal(("Bruno Lima", ParticipantColours.Of(bruno.UserId), false), (arrival.Name, arrival.Colour, arrival.Left));
    }

    [Fact]
    public async Task A_burst_of_cursor_moves_is_coalesced_and_the_last_position_always_arrives()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var mover = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var watcher = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        await mover.WaitForAsync(p => p.UserId != owner.UserId); // the watcher's arrival

        const int moves = 30;
        for (var i = 1; i <= moves; i++)
        {
            await mover.UpdateAsync(new ParticipantPresence(0, [new PresenceSelection(i, i)]));
        }

        var last = await watcher.WaitForAsync(p => p.UserId == owner.UserId && p.Presence?.Selections[0].Head == moves);
        var received = watcher.Received.Where(p => p.UserId == owner.UserId).ToList();
        Assert.True(received.Count < moves, $"{received.Count} broadcasts for {moves} moves: not throttled.");
        Assert.Same(last, received[^1]); // nothing older arrived after the final state
        Assert.DoesNotContain(mover.Received, p => p.UserId == owner.UserId); // no echo to the mover
    }

    [Fact]
    public async Task Leaving_and_disconnecting_are_broadcast_as_departures_once_the_users_last_connection_goes()
    {
        var owner = TestUser.NewTenantOwner();
        var leaver = owner.Colleague();
        var dropper = owner.Colleague();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var watcher = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var leaving = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(leaver), roomId);
        await using var secondTab = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(leaver), roomId);
        var dropping = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(dropper), roomId);
        await watcher.WaitForAsync(p => p.UserId == dropper.UserId);

        await leaving.Connection.InvokeAsync(DojoHubNames.Leave, roomId, TestContext.Current.CancellationToken);
        await dropping.DisposeAsync();
        await watcher.WaitForAsync(p => p.UserId == dropper.UserId && p.Left);
        Assert.DoesNotContain(watcher.Received, p => p.UserId == leaver.UserId && p.Left); // the second tab is still in

        await secondTab.Connection.InvokeAsync(DojoHubNames.Leave, roomId, TestContext.Current.CancellationToken);
        await watcher.WaitForAsync(p => p.UserId == leaver.UserId && p.Left);
        await using var late = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        Assert.Equal([owner.UserId], late.Joined.Participants.Select(p => p.UserId));
    }

    [Fact]
    public async Task Bad_presence_is_refused_to_its_sender_only()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var culprit = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var other = await PresenceClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        await using var stranger = await Host.ConnectAsync(DojoHost.TokenFor(owner));

        (ParticipantPresence? Presence, string Code)[] cases =
        [
            (new ParticipantPresence(-1, []), DojoErrorCodes.InvalidPresence),
            (new ParticipantPresence(0, [new PresenceSelection(-1, 0)]), DojoErrorCodes.InvalidPresence),
            (new ParticipantPresence(0, [new PresenceSelection(0, DojoHost.MaxDocumentLength + 1)]), DojoErrorCodes.InvalidPresence),
            (new ParticipantPresence(0, [.. Enumerable.Repeat(new PresenceSelection(0, 0), 33)]), DojoErrorCodes.InvalidPresence),
            (null, DojoErrorCodes.InvalidPresence),
        ];
        foreach (var (presence, code) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => culprit.UpdateAsync(presence));
            Assert.Contains($"[{code}]", error.Message, StringComparison.Ordinal);
        }

        var notJoined = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync(DojoHubNames.UpdatePresence, roomId,
            new ParticipantPresence(0, []), TestContext.Current.CancellationToken));
        Assert.Contains($"[{DojoErrorCodes.NotJoined}]", notJoined.Message, StringComparison.Ordinal);

        // The culprit's connection and the room go on: a valid update still reaches the other participant.
        await culprit.UpdateAsync(new ParticipantPresence(0, [new PresenceSelection(0, 0)]));
        await other.WaitForAsync(p => p.UserId == owner.UserId && p.Presence is not null);
        Assert.DoesNotContain(other.Received, p => p.UserId == owner.UserId && p.Presence is { Revision: < 0 });
    }

    /// <summary>A bare hub connection that records every <c>Presence</c> it receives.</summary>
    private sealed class PresenceClient : IAsyncDisposable
    {
        private readonly object gate = new();
        private readonly List<RoomParticipant> received = [];
        private readonly List<(Func<RoomParticipant, bool> Match, TaskCompletionSource<RoomParticipant> Done)> waiters = [];
        private readonly Guid roomId;
        private bool disposed;

        private PresenceClient(HubConnection connection, Guid roomId)
        {
            Connection = connection;
            this.roomId = roomId;
            connection.On<Guid, RoomParticipant>(DojoHubNames.Presence, OnPresence);
        }

        public HubConnection Connection { get; }

        public RoomJoined Joined { get; private set; } = null!;

        public IReadOnlyList<RoomParticipant> Received
        {
            get
            {
                lock (gate)
                {
                    return [.. received];
                }
            }
        }

        public static async Task<PresenceClient> JoinAsync(DojoHost host, string token, Guid roomId)
        {
            var client = new PresenceClient(await host.ConnectAsync(token), roomId);
            client.Joined = await client.Connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, TestContext.Current.CancellationToken);
            return client;
        }

        public Task UpdateAsync(ParticipantPresence? presence) =>
            Connection.InvokeAsync(DojoHubNames.UpdatePresence, roomId, presence, TestContext.Current.CancellationToken);

        /// <summary>The first presence received (already or later) that matches; fails after a generous timeout.</summary>
        public Task<RoomParticipant> WaitForAsync(Func<RoomParticipant, bool> match)
        {
            var done = new TaskCompletionSource<RoomParticipant>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (received.FirstOrDefault(match) is { } seen)
                {
                    return Task.FromResult(seen);
                }

                waiters.Add((match, done));
            }

            return done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (!disposed)
            {
                disposed = true;
                await Connection.DisposeAsync();
            }
        }

        private void OnPresence(Guid room, RoomParticipant participant)
        {
            lock (gate)
            {
                received.Add(participant);
                for (var i = waiters.Count - 1; i >= 0; i--)
                {
                    if (waiters[i].Match(participant))
                    {
                        waiters[i].Done.TrySetResult(participant);
                        waiters.RemoveAt(i);
                    }
                }
            }
        }
    }
}
