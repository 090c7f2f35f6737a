using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.ActorTests;

/// <summary>One replica forwarding a room's operations to its connections in revision order, whatever order they arrive in.</summary>
public sealed class ReplicaRoomFeedTests : IDisposable
{
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(1);
    private readonly RoomKey room = new(Guid.NewGuid(), Guid.NewGuid());
    private readonly IRoomBroadcast broadcast = Substitute.For<IRoomBroadcast>();
    private readonly IRoomSource source = Substitute.For<IRoomSource>();
    private readonly FakeTimeProvider time = new();
    private readonly List<string> sent = [];
    private readonly SemaphoreSlim recorded = new(0);
    private readonly ReplicaRoomFeed feed;

    public ReplicaRoomFeedTests()
    {
        // What reached connections, in the order it was sent: "op 2 (ack s1)", "resync c1 at 4", "ack c1 7 at 3".
        broadcast.AcceptedAsync(room, Arg.Any<IReadOnlyList<AcceptedOperation>>(), Arg.Any<CancellationToken>())
            .Returns(call => Record([.. call.ArgAt<IReadOnlyList<AcceptedOperation>>(1).Select(a => $"op {a.Operation.Revision} (ack {a.SubmitterConnectionId})")]));
        broadcast.ResyncAsync(room, Arg.Any<string>(), Arg.Any<RoomSnapshot>(), Arg.Any<CancellationToken>())
            .Returns(call => Record($"resync {call.ArgAt<string>(1)} at {call.ArgAt<RoomSnapshot>(2).Revision}"));
        feed = new ReplicaRoomFeed(broadcast, source, Microsoft.Extensions.Options.Options.Create(new DojoActorOptions { GapTimeout = GapTimeout }),
            time, NullLogger<ReplicaRoomFeed>.Instance);
    }

    public void Dispose()
    {
        feed.Dispose();
        recorded.Dispose();
    }

    private Task Record(params string[] what)
    {
        lock (sent)
        {
            sent.AddRange(what);
        }

        recorded.Release(what.Length);
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> messages were sent (a gap is filled on the timer's thread).</summary>
    private async Task WaitForSentAsync(int count)
    {
        while (true)
        {
            lock (sent)
            {
                if (sent.Count >= count)
                {
                    return;
                }
            }

            Assert.True(await recorded.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "Nothing more was sent.");
        }
    }

    private static StoredOperation Op(int revision) => new(revision, "client", revision, TextOperation.Splice(revision - 1, revision - 1, 0, "x"));

    private async Task JoinAsync(int revision, params string[] connections)
    {
        foreach (var connection in connections)
        {
            await feed.AddConnectionAsync(room, connection, CancellationToken.None);
        }

        await feed.JoinedAsync(room, revision);
    }

    [Fact]
    public async Task Operations_arriving_out_of_order_are_forwarded_in_revision_order()
    {
        await JoinAsync(0, "c1");

        await feed.OfferAsync(room, Op(3), "s3", 2);
        await feed.OfferAsync(room, Op(2), "s2", 1);
        Assert.Empty(sent);
        await feed.OfferAsync(room, Op(1), "s1", 0);

        Assert.Equal(["op 1 (ack s1)", "op 2 (ack s2)", "op 3 (ack s3)"], sent);
        await broadcast.Received(1).AddAsync(room, "c1", Arg.Any<CancellationToken>());
        // The three buffered revisions went out together: one message per connection, not three.
        await broadcast.Received(1).AcceptedAsync(room, Arg.Is<IReadOnlyList<AcceptedOperation>>(a => a.Count == 3), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_run_of_buffered_revisions_stops_where_a_deferred_send_waits_so_that_send_keeps_its_place()
    {
        await JoinAsync(0, "c1");
        await feed.OfferAsync(room, Op(3), null, 2);
        await feed.OfferAsync(room, Op(2), null, 1);
        var ack = await feed.AfterAsync(room, 2, () => Record("ack c1 7 at 2"));

        await feed.OfferAsync(room, Op(1), null, 0);

        Assert.True(ack.IsCompletedSuccessfully);
        Assert.Equal(["op 1 (ack )", "op 2 (ack )", "ack c1 7 at 2", "op 3 (ack )"], sent);
    }

    [Fact]
    public async Task A_revision_delivered_twice_is_forwarded_once()
    {
        await JoinAsync(0, "c1");

        await feed.OfferAsync(room, Op(2), "s", 1);
        await feed.OfferAsync(room, Op(2), null, 1);   // buffered twice
        await feed.OfferAsync(room, Op(1), null, 0);
        await feed.OfferAsync(room, Op(1), null, 0);   // after it was forwarded

        Assert.Equal(["op 1 (ack )", "op 2 (ack s)"], sent);
    }

    [Fact]
    public async Task The_submitters_ack_waits_for_every_lower_revision_and_its_task_completes_when_sent()
    {
        await JoinAsync(0, "submitter", "other");

        // The actor's answer for revision 2 reaches this replica before pub/sub brings revision 1.
        var acknowledged = await feed.OfferAsync(room, Op(2), "submitter", 1);
        Assert.False(acknowledged.IsCompleted);
        Assert.Empty(sent);

        await feed.OfferAsync(room, Op(1), "elsewhere", 0);

        Assert.True(acknowledged.IsCompletedSuccessfully);
        Assert.Equal(["op 1 (ack elsewhere)", "op 2 (ack submitter)"], sent);
    }

    [Fact]
    public async Task Operations_accepted_before_the_join_answered_wait_for_it_and_those_in_its_snapshot_are_dropped()
    {
        await feed.AddConnectionAsync(room, "c1", CancellationToken.None);
        await feed.OfferAsync(room, Op(5), null, 4);
        await feed.OfferAsync(room, Op(6), null, 5);
        Assert.Empty(sent);

        await feed.JoinedAsync(room, 5);

        Assert.Equal(["op 6 (ack )"], sent);
    }

    [Fact]
    public async Task A_room_without_connections_here_is_ignored()
    {
        var forwarded = await feed.OfferAsync(room, Op(1), null, 0);

        Assert.True(forwarded.IsCompletedSuccessfully);
        Assert.False(feed.Follows(room));
        Assert.Empty(sent);
    }

    [Fact]
    public async Task The_last_connection_leaving_stops_following_the_room_and_releases_waiters()
    {
        await JoinAsync(0, "c1");
        var waiting = await feed.OfferAsync(room, Op(2), "c1", 1);

        await feed.RemoveConnectionAsync(room, "c1", CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.False(feed.Follows(room));
        await broadcast.Received(1).RemoveAsync(room, "c1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_lasting_gap_is_filled_from_the_actor()
    {
        await JoinAsync(0, "c1");
        source.OperationsSinceAsync(room, 0, Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>([Op(1), Op(2), Op(3)]));
        var third = await feed.OfferAsync(room, Op(3), "c1", 2);

        time.Advance(GapTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(sent); // pub/sub may still bring it
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(["op 1 (ack )", "op 2 (ack )", "op 3 (ack c1)"], sent);
        await source.DidNotReceive().SnapshotAsync(room, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_gap_filled_by_pub_sub_in_time_does_not_ask_the_actor()
    {
        await JoinAsync(0, "c1");
        await feed.OfferAsync(room, Op(2), null, 1);
        await feed.OfferAsync(room, Op(1), null, 0);

        time.Advance(GapTimeout * 3);

        Assert.Equal(["op 1 (ack )", "op 2 (ack )"], sent);
        await source.DidNotReceiveWithAnyArgs().OperationsSinceAsync(default, default, default);
    }

    [Fact]
    public async Task A_gap_the_actor_no_longer_holds_resyncs_every_connection_here_then_goes_on()
    {
        await JoinAsync(0, "c1", "c2");
        source.OperationsSinceAsync(room, 0, Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>(null));
        source.SnapshotAsync(room, Arg.Any<CancellationToken>()).Returns(new RoomSnapshot(3, "xxx"));
        var dropped = await feed.OfferAsync(room, Op(2), "c2", 1);
        // c1 made revision 4 on revision 0, before the resync, which drops its unacknowledged edit:
        // it must receive that edit as an Operation, not an Ack for something it no longer holds.
        var orphan = await feed.OfferAsync(room, Op(4), "c1", 0);

        time.Advance(GapTimeout);
        await orphan.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(dropped.IsCompletedSuccessfully);
        Assert.Equal(["resync c1 at 3", "resync c2 at 3", "op 4 (ack )"], sent.Take(2).Order(StringComparer.Ordinal).Concat(sent.Skip(2)));
        Assert.Equal(3, sent.Count);
    }

    [Fact]
    public async Task A_duplicate_ack_is_sent_only_after_its_revision_was_forwarded()
    {
        await JoinAsync(0, "c1");
        var ack = await feed.AfterAsync(room, 1, () => Record("ack c1 7 at 1"));
        Assert.False(ack.IsCompleted);

        await feed.OfferAsync(room, Op(1), null, 0);
        await ack;
        var late = await feed.AfterAsync(room, 1, () => Record("ack c1 7 at 1 again"));

        Assert.True(late.IsCompletedSuccessfully);
        Assert.Equal(["op 1 (ack )", "ack c1 7 at 1", "ack c1 7 at 1 again"], sent);
    }

    [Fact]
    public async Task A_resync_behind_what_was_forwarded_is_refused_and_one_ahead_waits_for_forwarding()
    {
        await JoinAsync(0, "c1");
        await feed.OfferAsync(room, Op(1), null, 0);
        await feed.OfferAsync(room, Op(2), null, 1);

        var behind = await feed.TryResyncAsync(room, "c1", new RoomSnapshot(1, "x"));
        var ahead = await feed.TryResyncAsync(room, "c1", new RoomSnapshot(3, "xxx"));
        Assert.Null(behind);
        Assert.False(ahead!.IsCompleted);
        await feed.OfferAsync(room, Op(3), null, 2);
        await ahead;
        var current = await feed.TryResyncAsync(room, "c1", new RoomSnapshot(3, "xxx"));

        Assert.True(current!.IsCompletedSuccessfully);
        Assert.Equal(["op 1 (ack )", "op 2 (ack )", "op 3 (ack )", "resync c1 at 3", "resync c1 at 3"], sent);
    }

    private void ReadByReference(int revision, IReadOnlyList<StoredOperation>? operations) =>
        source.OperationsAsync(room, new RevisionRange(revision, revision), Arg.Any<CancellationToken>()).Returns(Task.FromResult(operations));

    [Fact]
    public async Task An_operation_published_by_reference_is_read_from_the_room_and_forwarded_in_its_place()
    {
        await JoinAsync(0, "submitter", "other");
        var paste = new StoredOperation(1, "client", 9, TextOperation.Splice(0, 0, 0, new string('<', 100_000)));
        ReadByReference(1, [paste]);
        await feed.OfferAsync(room, Op(2), null, 1); // the next one, inline, arrived first

        await feed.OfferByReferenceAsync(room, 1, "submitter", 0);

        Assert.Equal(["op 1 (ack submitter)", "op 2 (ack )"], sent);
        await broadcast.Received(1).AcceptedAsync(room, Arg.Is<IReadOnlyList<AcceptedOperation>>(a => a.Contains(new AcceptedOperation(paste, "submitter"))), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_reference_is_not_read_where_the_room_has_no_connections_or_the_revision_is_already_here()
    {
        await feed.OfferByReferenceAsync(room, 1, null, 0); // no connection here: most replicas, for most rooms
        await JoinAsync(0, "c1");
        await feed.OfferAsync(room, Op(1), "c1", 0);      // the submitter's replica had it from the actor's answer
        await feed.OfferAsync(room, Op(3), null, 2);

        await feed.OfferByReferenceAsync(room, 1, "c1", 0); // forwarded already
        await feed.OfferByReferenceAsync(room, 3, null, 2); // buffered already

        await source.DidNotReceiveWithAnyArgs().OperationsAsync(default, default!, default);
        Assert.Equal(["op 1 (ack c1)"], sent);
    }

    [Fact]
    public async Task A_reference_that_cannot_be_read_is_a_gap_read_again_from_the_room_after_the_gap_timeout()
    {
        await JoinAsync(0, "c1");
        source.OperationsAsync(room, new RevisionRange(1, 1), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<StoredOperation>?>(new HttpRequestException("The sidecar is restarting.")));
        source.OperationsSinceAsync(room, 0, Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>([Op(1)]));

        await feed.OfferByReferenceAsync(room, 1, null, 0); // the last operation: nothing later would reveal the gap

        Assert.Empty(sent);
        time.Advance(GapTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForSentAsync(1);
        Assert.Equal(["op 1 (ack )"], sent);
        await source.DidNotReceive().SnapshotAsync(room, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_reference_the_room_no_longer_holds_resyncs_the_connections_here_after_the_gap_timeout()
    {
        await JoinAsync(0, "c1");
        ReadByReference(1, null);
        source.OperationsSinceAsync(room, 0, Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>(null));
        source.SnapshotAsync(room, Arg.Any<CancellationToken>()).Returns(new RoomSnapshot(600, new string('x', 600)));

        await feed.OfferByReferenceAsync(room, 1, null, 0);
        time.Advance(GapTimeout);
        await WaitForSentAsync(1);
        await feed.OfferAsync(room, Op(601), null, 600);

        Assert.Equal(["resync c1 at 600", "op 601 (ack )"], sent);
    }
}
