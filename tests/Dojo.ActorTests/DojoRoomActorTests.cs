using Dapr.Actors;
using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.ActorTests;

/// <summary>The room actor under Dapr's test host, over a substituted state manager.</summary>
public sealed class DojoRoomActorTests
{
    private static readonly RoomKey Room = new(Guid.NewGuid(), Guid.NewGuid());

    private readonly ActorState state = new();

    private static DojoRoomOptions Options(int snapshotEvery = 100, int retained = 500) =>
        new() { SnapshotEvery = snapshotEvery, RetainedOperations = retained, MaxDocumentLength = 1_000, MaxInsertLength = 100, MaxComponents = 50 };

    private DojoRoomActor NewActor(DojoRoomOptions? options = null)
    {
        var host = ActorHost.CreateForTest<DojoRoomActor>(new ActorTestOptions { ActorId = new ActorId(Room.ToString()) });
        return new DojoRoomActor(host, Microsoft.Extensions.Options.Options.Create(options ?? Options()), state.Manager);
    }

    private static ActorSubmission Insert(string clientId, long seq, int revision, int documentLength, int at, string text) =>
        new(clientId, seq, revision, TextOperation.Splice(documentLength, at, 0, text));

    [Fact]
    public void The_actor_type_name_that_keys_stored_rooms_stays_DojoRoomActor() =>
        // Dapr keys an actor's state and placement by its type name: a new name would orphan every room.
        Assert.Equal("DojoRoomActor", RoomActors.ActorType);

    [Fact]
    public async Task An_accepted_operation_is_in_the_state_store_before_the_actor_answers()
    {
        var actor = NewActor();
        var save = new TaskCompletionSource();
        state.NextSave = async () =>
        {
            await save.Task;
            state.Commit();
        };

        var answer = actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "hello"));

        Assert.False(answer.IsCompleted); // held by the save
        await state.Manager.Received(1).SaveStateAsync(Arg.Any<CancellationToken>());
        Assert.Empty(state.Saved);
        save.SetResult();
        var result = await answer;
        Assert.Equal(ActorSubmitOutcome.Accepted, result.Outcome);
        Assert.Equal(1, result.Revision);
        Assert.Equal(new RoomActorMeta(1, 1, false), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.Equal(TextOperation.Splice(0, 0, 0, "hello"), state.Get<StoredOperation>(RoomActorState.Operation(1))!.Operation);
        Received.InOrder(() =>
        {
            state.Manager.SetStateAsync(RoomActorState.Operation(1), Arg.Any<StoredOperation>(), Arg.Any<CancellationToken>());
            state.Manager.SetStateAsync(RoomActorState.Meta, Arg.Any<RoomActorMeta>(), Arg.Any<CancellationToken>());
            state.Manager.SaveStateAsync(Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task A_resubmission_is_acknowledged_with_its_revision_and_not_applied_twice()
    {
        var actor = NewActor();
        var first = await actor.SubmitAsync(Insert("a", 7, 0, 0, 0, "x"));
        state.Manager.ClearReceivedCalls();

        var again = await actor.SubmitAsync(Insert("a", 7, 0, 0, 0, "x"));

        Assert.Equal((ActorSubmitOutcome.Accepted, 1), (first.Outcome, first.Revision));
        Assert.Equal((ActorSubmitOutcome.Duplicate, 1), (again.Outcome, again.Revision));
        Assert.Equal(new RoomSnapshot(1, "x"), await actor.GetSnapshotAsync());
        await state.Manager.DidNotReceive().SaveStateAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_concurrent_operation_is_transformed_against_those_accepted_since_its_revision()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "abc"));
        await actor.SubmitAsync(Insert("a", 2, 1, 3, 3, "!"));      // "abc!"

        // Made on revision 1 ("abc"), before "!" was appended: moved over nothing, stretched by one.
        var b = await actor.SubmitAsync(Insert("b", 1, 1, 3, 1, "Z"));
        // Made on revision 2 ("abc!"), before "Z": moved one to the right.
        var c = await actor.SubmitAsync(Insert("c", 1, 2, 4, 4, "?"));

        Assert.Equal(ActorSubmitOutcome.Accepted, b.Outcome);
        Assert.Equal(TextOperation.Splice(4, 1, 0, "Z"), b.Accepted!.Operation);
        Assert.Equal(TextOperation.Splice(5, 5, 0, "?"), c.Accepted!.Operation);
        Assert.Equal(new RoomSnapshot(4, "aZbc!?"), await actor.GetSnapshotAsync());
    }

    [Fact]
    public async Task At_a_tie_the_later_clients_insert_goes_first_as_in_ot_js()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "x"));

        var b = await actor.SubmitAsync(Insert("b", 1, 0, 0, 0, "y"));

        Assert.Equal(TextOperation.Splice(1, 0, 0, "y"), b.Accepted!.Operation);
        Assert.Equal(new RoomSnapshot(2, "yx"), await actor.GetSnapshotAsync());
    }

    [Fact]
    public async Task Compaction_writes_a_snapshot_and_keeps_only_the_retained_operations()
    {
        var actor = NewActor(Options(snapshotEvery: 4, retained: 2));
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(ActorSubmitOutcome.Accepted, (await actor.SubmitAsync(Insert("a", i, i, i, i, "x"))).Outcome);
        }

        Assert.Equal(new RoomSnapshot(8, "xxxxxxxx"), state.Get<RoomSnapshot>(RoomActorState.Snapshot));
        Assert.Equal(new RoomActorMeta(9, 7, false), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.Equal(
            [RoomActorState.Meta, RoomActorState.Operation(7), RoomActorState.Operation(8), RoomActorState.Operation(9), RoomActorState.Snapshot],
            state.Saved.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_operation_published_by_reference_is_read_by_its_range_after_the_room_moved_on_until_the_log_drops_it()
    {
        var actor = NewActor(Options(snapshotEvery: 4, retained: 2));
        for (var i = 0; i < 3; i++)
        {
            await actor.SubmitAsync(Insert("a", i, i, i, i, "x"));
        }

        var whileRetained = await actor.GetOperationsAsync(new RevisionRange(2, 2));
        var pastTheEnd = await actor.GetOperationsAsync(new RevisionRange(3, 5));
        for (var i = 3; i < 9; i++)
        {
            await actor.SubmitAsync(Insert("a", i, i, i, i, "x"));
        }

        var afterCompaction = await actor.GetOperationsAsync(new RevisionRange(2, 2)); // the log keeps 7 to 9 now

        Assert.Equal([(2, "a", 1L)], whileRetained!.Select(o => (o.Revision, o.ClientId, o.Seq)));
        Assert.Equal(TextOperation.Splice(1, 1, 0, "x"), whileRetained![0].Operation);
        Assert.Equal([3], pastTheEnd!.Select(o => o.Revision)); // only what the room has reached
        Assert.Null(afterCompaction);
        Assert.Equal([7, 8], (await actor.GetOperationsAsync(new RevisionRange(7, 8)))!.Select(o => o.Revision));
    }

    [Fact]
    public async Task A_client_behind_the_retained_log_gets_the_snapshot_and_nothing_is_stored()
    {
        var actor = NewActor(Options(snapshotEvery: 4, retained: 2));
        for (var i = 0; i < 5; i++)
        {
            await actor.SubmitAsync(Insert("a", i, i, i, i, "x"));
        }

        state.Manager.ClearReceivedCalls();

        var behind = await actor.SubmitAsync(Insert("late", 1, 1, 1, 0, "y")); // oldest transformable is 2
        var justInside = await actor.SubmitAsync(Insert("b", 1, 2, 2, 0, "y"));

        Assert.Equal(ActorSubmitOutcome.Resync, behind.Outcome);
        Assert.Equal(new RoomSnapshot(5, "xxxxx"), behind.Snapshot);
        Assert.Equal((ActorSubmitOutcome.Accepted, 6), (justInside.Outcome, justInside.Revision));
        await state.Manager.Received(1).SaveStateAsync(Arg.Any<CancellationToken>()); // the accepted one only
    }

    [Theory]
    [InlineData(2, 5, "invalid-revision")]            // a revision in the future
    [InlineData(-1, 5, "invalid-revision")]
    [InlineData(1, 4, "base-length-mismatch")]        // made on a document of another length
    public async Task Bad_input_is_refused_without_touching_the_state(int revision, int baseLength, string code)
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "hello"));
        var saved = new Dictionary<string, string>(state.Saved);
        state.Manager.ClearReceivedCalls();

        var result = await actor.SubmitAsync(Insert("b", 1, revision, baseLength, 0, "x"));

        Assert.Equal((ActorSubmitOutcome.Refused, code), (result.Outcome, result.RefusedCode));
        Assert.Equal(saved, state.Saved);
        await state.Manager.DidNotReceive().SaveStateAsync(Arg.Any<CancellationToken>());
        Assert.Equal(new RoomSnapshot(1, "hello"), await actor.GetSnapshotAsync());
    }

    [Fact]
    public async Task Operations_over_the_caps_are_refused()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, new string('x', 100)));
        for (var i = 0; i < 9; i++)
        {
            await actor.SubmitAsync(Insert("a", 2 + i, 1 + i, 100 * (i + 1), 0, new string('x', 100)));
        }

        var tooLong = await actor.SubmitAsync(Insert("b", 1, 0, 0, 0, new string('y', 101)));
        var tooBig = await actor.SubmitAsync(Insert("b", 2, 10, 1_000, 0, "y"));

        Assert.Equal(DojoErrorCodes.OperationTooLarge, tooLong.RefusedCode);
        Assert.Equal(DojoErrorCodes.DocumentTooLarge, tooBig.RefusedCode);
        Assert.Equal(10, (await actor.GetSnapshotAsync()).Revision);
    }

    [Fact]
    public async Task A_new_activation_carries_on_from_the_saved_state()
    {
        var options = Options(snapshotEvery: 4, retained: 3);
        var before = NewActor(options);
        for (var i = 0; i < 6; i++)
        {
            await before.SubmitAsync(Insert("a", i, i, i, i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var after = NewActor(options); // another activation, perhaps on another replica: only the store is shared

        Assert.Equal(new RoomSnapshot(6, "012345"), await after.GetSnapshotAsync());
        // (a, 1) was accepted as revision 2, before the snapshot at 4: still recognised.
        Assert.Equal((ActorSubmitOutcome.Duplicate, 2), ((await after.SubmitAsync(Insert("a", 1, 1, 1, 1, "1"))).Outcome, 2));
        // Made on revision 2 (behind the snapshot, inside the retained log): transformed, not resynced.
        var behind = await after.SubmitAsync(Insert("b", 1, 2, 2, 0, ">"));
        Assert.Equal((ActorSubmitOutcome.Accepted, 7), (behind.Outcome, behind.Revision));
        Assert.Equal(new RoomSnapshot(7, ">012345"), await after.GetSnapshotAsync());
        Assert.Equal([TextOperation.Splice(5, 5, 0, "5"), TextOperation.Splice(6, 0, 0, ">")],
            (await after.GetOperationsSinceAsync(5))!.Select(o => o.Operation));
    }

    [Fact]
    public async Task A_failed_save_leaves_the_room_as_stored_and_the_same_operation_can_be_accepted_again()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "ab"));
        state.FailNextSave();

        await Assert.ThrowsAsync<InvalidOperationException>(() => actor.SubmitAsync(Insert("a", 2, 1, 2, 2, "c")));

        Assert.Equal(new RoomActorMeta(1, 1, false), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.False(state.Saved.ContainsKey(RoomActorState.Operation(2)));
        Assert.Equal(new RoomSnapshot(1, "ab"), await actor.GetSnapshotAsync());
        var retried = await actor.SubmitAsync(Insert("a", 2, 1, 2, 2, "c"));
        Assert.Equal((ActorSubmitOutcome.Accepted, 2), (retried.Outcome, retried.Revision));
        Assert.Equal(new RoomSnapshot(2, "abc"), await actor.GetSnapshotAsync());
    }

    [Fact]
    public async Task A_batch_is_decided_in_order_on_the_room_as_each_left_it_and_saved_once()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "ab"));
        state.Manager.ClearReceivedCalls();

        var results = await actor.SubmitManyAsync([
            Insert("b", 1, 1, 2, 2, "c"),            // "abc"
            Insert("c", 1, 1, 2, 0, ">"),            // made on "ab" too: transformed over b's, ">abc"
            Insert("a", 1, 0, 0, 0, "ab"),           // a resubmission
            Insert("d", 1, 1, 99, 0, "?"),           // wrong base length: refused, the rest goes on
            Insert("b", 2, 2, 3, 3, "!"),            // on b's own revision 2: ">abc!"
        ]);

        Assert.Equal(
            [(ActorSubmitOutcome.Accepted, 2), (ActorSubmitOutcome.Accepted, 3), (ActorSubmitOutcome.Duplicate, 1), (ActorSubmitOutcome.Refused, 0), (ActorSubmitOutcome.Accepted, 4)],
            results.Select(r => (r.Outcome, r.Revision)));
        Assert.Equal(DojoErrorCodes.BaseLengthMismatch, results[3].RefusedCode);
        await state.Manager.Received(1).SaveStateAsync(Arg.Any<CancellationToken>());
        Assert.Equal(new RoomActorMeta(4, 1, false), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.Equal(new RoomSnapshot(4, ">abc!"), await NewActor().GetSnapshotAsync()); // as stored
    }

    [Fact]
    public async Task A_batch_whose_save_fails_keeps_none_of_it()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "ab"));
        state.FailNextSave();

        await Assert.ThrowsAsync<InvalidOperationException>(() => actor.SubmitManyAsync([Insert("b", 1, 1, 2, 2, "c"), Insert("c", 1, 1, 2, 0, ">")]));

        Assert.Equal(new RoomActorMeta(1, 1, false), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.Equal(new RoomSnapshot(1, "ab"), await actor.GetSnapshotAsync());
        var retried = await actor.SubmitManyAsync([Insert("b", 1, 1, 2, 2, "c"), Insert("c", 1, 1, 2, 0, ">")]);
        Assert.Equal([2, 3], retried.Select(r => r.Revision));
        Assert.Equal(new RoomSnapshot(3, ">abc"), await actor.GetSnapshotAsync());
    }

    [Fact]
    public async Task A_closed_room_refuses_joins_and_submissions_even_after_reactivation()
    {
        var actor = NewActor();
        await actor.SubmitAsync(Insert("a", 1, 0, 0, 0, "x"));
        var joined = await actor.JoinAsync();
        await actor.CloseAsync();

        var again = NewActor();
        var join = await again.JoinAsync();
        var submit = await again.SubmitAsync(Insert("a", 2, 1, 1, 1, "y"));

        Assert.Equal(new RoomSnapshot(1, "x"), joined.Snapshot);
        Assert.Equal((null, DojoErrorCodes.RoomClosed), (join.Snapshot, join.RefusedCode));
        Assert.Equal(DojoErrorCodes.RoomClosed, submit.RefusedCode);
        Assert.Equal(new RoomActorMeta(1, 1, Closed: true), state.Get<RoomActorMeta>(RoomActorState.Meta));
        Assert.False(state.Saved.ContainsKey(RoomActorState.Operation(2)));
    }
}
