using Dapr.Actors;
using Dapr.Actors.Runtime;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.ActorTests;

/// <summary>Whole-text submissions through the room actor: the same rules as the in-process host, including after a reload.</summary>
public sealed class WholeTextActorTests
{
    private static readonly RoomKey Room = new(Guid.NewGuid(), Guid.NewGuid());

    private readonly ActorState state = new();

    private DojoRoomActor NewActor() =>
        new(ActorHost.CreateForTest<DojoRoomActor>(new ActorTestOptions { ActorId = new ActorId(Room.ToString()) }),
            Microsoft.Extensions.Options.Options.Create(new DojoRoomOptions
            {
                SnapshotEvery = 4, RetainedOperations = 3, MaxDocumentLength = 1_000, MaxInsertLength = 100, MaxComponents = 50,
            }),
            state.Manager);

    [Fact]
    public async Task A_text_made_on_an_older_revision_is_diffed_against_that_revision_and_transformed_forward()
    {
        var actor = NewActor();
        await actor.SubmitAsync(new ActorSubmission("ot", 0, 0, TextOperation.Splice(0, 0, 0, "olá mundo")));
        await actor.SubmitAsync(new ActorSubmission("ot", 1, 1, TextOperation.Splice(9, 9, 0, "!")));

        var result = await actor.SubmitTextAsync(new ActorTextSubmission("box", 0, 1, "olá, mundo 😀\r\n"));
        var again = await actor.SubmitTextAsync(new ActorTextSubmission("box", 0, 1, "olá, mundo 😀\r\n"));

        Assert.Equal((ActorSubmitOutcome.Accepted, 3), (result.Outcome, result.Revision));
        Assert.Equal((ActorSubmitOutcome.Duplicate, 3), (again.Outcome, again.Revision));
        Assert.Equal(new RoomSnapshot(3, "olá, mundo 😀\n!"), await actor.GetSnapshotAsync());
        Assert.Equal(result.Accepted!.Operation, state.Get<StoredOperation>(RoomActorState.Operation(3))!.Operation); // stored as an operation
    }

    [Fact]
    public async Task After_a_reload_a_text_older_than_the_snapshot_is_resynced_and_a_newer_one_accepted()
    {
        var first = NewActor();
        for (var i = 0; i < 5; i++)
        {
            await first.SubmitAsync(new ActorSubmission("ot", i, i, TextOperation.Splice(i, i, 0, "x")));
        }

        // A new activation reads the snapshot (revision 4) with the operations before it kept as history.
        var reloaded = NewActor();
        var stale = await reloaded.SubmitTextAsync(new ActorTextSubmission("box", 0, 3, "xxxy"));
        var fresh = await reloaded.SubmitTextAsync(new ActorTextSubmission("box", 1, 4, "yxxxx"));
        var refused = await reloaded.SubmitTextAsync(new ActorTextSubmission("box", 2, 99, "x"));

        Assert.Equal(ActorSubmitOutcome.Resync, stale.Outcome); // the text at 3 is not kept: start over
        Assert.Equal(new RoomSnapshot(5, "xxxxx"), stale.Snapshot);
        Assert.Equal((ActorSubmitOutcome.Accepted, 6), (fresh.Outcome, fresh.Revision));
        Assert.Equal(new RoomSnapshot(6, "yxxxxx"), await reloaded.GetSnapshotAsync());
        Assert.Equal((ActorSubmitOutcome.Refused, DojoErrorCodes.InvalidRevision), (refused.Outcome, refused.RefusedCode));
    }
}
