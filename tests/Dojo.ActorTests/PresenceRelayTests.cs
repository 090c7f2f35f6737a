using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Presence;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.ActorTests;

/// <summary>
/// <see cref="RoomPresence"/> across replicas: what it relays, what it does with other replicas'
/// presence, and how another replica's participants expire when that replica goes silent.
/// </summary>
public sealed class PresenceRelayTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-26T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly IRoomBroadcast broadcast = Substitute.For<IRoomBroadcast>();
    private readonly IPresenceRelay relay = Substitute.For<IPresenceRelay>();
    private readonly List<PresenceRelayMessage> relayed = [];
    private readonly RoomKey room = new(Guid.NewGuid(), Guid.NewGuid());
    private readonly RoomPresence presence;

    public PresenceRelayTests()
    {
        relay.PublishAsync(Arg.Any<PresenceRelayMessage>(), Arg.Any<CancellationToken>())
            .Returns(call => { lock (relayed) { relayed.Add(call.Arg<PresenceRelayMessage>()); } return Task.CompletedTask; });
        presence = new RoomPresence(broadcast, relay, Options.Create(new PresenceOptions { RefreshInterval = Refresh }), time, NullLogger<RoomPresence>.Instance);
    }

    private PresenceRelayMessage Remote(RoomParticipant participant, long sequence, string replica = "replica-b", bool refresh = false) =>
        new(room.TenantId, room.RoomId, replica, sequence, participant, refresh);

    private static RoomParticipant Cursor(RoomParticipant participant, int at) =>
        participant with { Presence = new ParticipantPresence(3, [new PresenceSelection(at, at)]) };

    private async Task<List<PresenceRelayMessage>> RelayedAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            lock (relayed)
            {
                if (relayed.Count >= count)
                {
                    return [.. relayed];
                }
            }

            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    [Fact]
    public async Task A_local_arrival_and_departure_are_relayed_with_this_replicas_id_in_order()
    {
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");

        presence.Joined(room, "c1", ana);
        presence.Left(room, "c1");

        var messages = await RelayedAsync(2);
        Assert.All(messages, m => Assert.Equal((room, presence.ReplicaId, false), (m.Room, m.ReplicaId, m.Refresh)));
        Assert.Equal([(ana.UserId, false), (ana.UserId, true)], messages.Select(m => (m.Participant.UserId, m.Participant.Left)));
        Assert.True(messages[0].Sequence < messages[1].Sequence);
    }

    [Fact]
    public async Task Another_replicas_arrival_is_forwarded_here_and_listed_by_join()
    {
        var bruno = Cursor(new RoomParticipant(Guid.NewGuid(), "Bruno"), 2);
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");

        await presence.ReceivedAsync(Remote(bruno, 1));
        var listed = presence.Joined(room, "c1", ana);

        await broadcast.Received(1).PresenceAsync(room, Arg.Any<string?>(), bruno, Arg.Any<CancellationToken>());
        Assert.Equal([ana.UserId, bruno.UserId], listed.Select(p => p.UserId));
        Assert.Equal(bruno.Presence, listed[1].Presence);
    }

    [Fact]
    public async Task This_replicas_own_messages_coming_back_are_ignored()
    {
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");

        await presence.ReceivedAsync(Remote(ana, 1, replica: presence.ReplicaId));

        await broadcast.DidNotReceive().PresenceAsync(Arg.Any<RoomKey>(), Arg.Any<string?>(), Arg.Any<RoomParticipant>(), Arg.Any<CancellationToken>());
        Assert.Equal([Guid.Empty], presence.Joined(room, "c1", new RoomParticipant(Guid.Empty, "Me")).Select(p => p.UserId));
    }

    [Fact]
    public async Task A_departure_is_forwarded_and_an_older_message_arriving_after_it_does_not_bring_the_participant_back()
    {
        var bruno = new RoomParticipant(Guid.NewGuid(), "Bruno");
        await presence.ReceivedAsync(Remote(bruno, 1));

        await presence.ReceivedAsync(Remote(bruno with { Left = true }, 3));
        await presence.ReceivedAsync(Remote(Cursor(bruno, 1), 2)); // reordered by pub/sub

        await broadcast.Received(1).PresenceAsync(room, Arg.Any<string?>(), bruno with { Left = true }, Arg.Any<CancellationToken>());
        await broadcast.DidNotReceive().PresenceAsync(room, Arg.Any<string?>(), Arg.Is<RoomParticipant>(p => p.Presence != null), Arg.Any<CancellationToken>());
        Assert.Equal(["Me"], presence.Joined(room, "c1", new RoomParticipant(Guid.NewGuid(), "Me")).Select(p => p.Name));
    }

    [Fact]
    public async Task A_refresh_of_a_known_participant_is_not_forwarded_but_one_never_seen_is()
    {
        var bruno = new RoomParticipant(Guid.NewGuid(), "Bruno");
        var carla = new RoomParticipant(Guid.NewGuid(), "Carla");
        await presence.ReceivedAsync(Remote(bruno, 1));

        await presence.ReceivedAsync(Remote(bruno, 2, refresh: true));
        await presence.ReceivedAsync(Remote(carla, 3, refresh: true)); // its arrival was lost, or came before this replica started

        await broadcast.Received(1).PresenceAsync(room, Arg.Any<string?>(), bruno, Arg.Any<CancellationToken>());
        await broadcast.Received(1).PresenceAsync(room, Arg.Any<string?>(), carla, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_user_still_here_does_not_leave_when_their_other_replica_says_so()
    {
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");
        presence.Joined(room, "c1", ana);
        await presence.ReceivedAsync(Remote(ana, 1));

        await presence.ReceivedAsync(Remote(ana with { Left = true }, 2));

        await broadcast.DidNotReceive().PresenceAsync(room, Arg.Any<string?>(), Arg.Is<RoomParticipant>(p => p.Left), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_local_departure_of_a_user_still_on_another_replica_is_relayed_but_not_announced_here()
    {
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");
        presence.Joined(room, "c1", ana);
        await presence.ReceivedAsync(Remote(ana, 1));

        presence.Left(room, "c1");

        Assert.True((await RelayedAsync(2))[1].Participant.Left);
        await broadcast.DidNotReceive().PresenceAsync(room, Arg.Any<string?>(), Arg.Is<RoomParticipant>(p => p.Left), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_silent_replicas_participants_expire_after_three_refresh_intervals_and_leave_here()
    {
        var bruno = new RoomParticipant(Guid.NewGuid(), "Bruno");
        var carla = new RoomParticipant(Guid.NewGuid(), "Carla");
        var ana = new RoomParticipant(Guid.NewGuid(), "Ana");
        presence.Joined(room, "c1", ana);
        await presence.ReceivedAsync(Remote(bruno, 1, replica: "crashed"));
        await presence.ReceivedAsync(Remote(carla, 1, replica: "alive"));

        time.Advance(Refresh * 2);
        await presence.ReceivedAsync(Remote(carla, 2, replica: "alive", refresh: true));
        time.Advance(Refresh);
        await presence.RefreshAsync(TestContext.Current.CancellationToken); // 30 s: not yet older than three intervals
        Assert.Equal(3, presence.Joined(room, "c2", ana).Count);
        time.Advance(TimeSpan.FromSeconds(1));
        await presence.RefreshAsync(TestContext.Current.CancellationToken);

        await broadcast.Received(1).PresenceAsync(room, Arg.Any<string?>(), bruno with { Left = true }, Arg.Any<CancellationToken>());
        await broadcast.DidNotReceive().PresenceAsync(room, Arg.Any<string?>(), carla with { Left = true }, Arg.Any<CancellationToken>());
        Assert.Equal([ana.UserId, carla.UserId], presence.Joined(room, "c3", ana).Select(p => p.UserId));
        // Each refresh re-announced this replica's own participant to the others.
        var refreshes = (await RelayedAsync(3)).Where(m => m.Refresh).ToList();
        Assert.Equal([ana.UserId, ana.UserId], refreshes.Select(m => m.Participant.UserId));
    }
}
