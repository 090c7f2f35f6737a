using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// A room under Dapr: the same <see cref="DojoRoom"/> rules as the in-process host, with the room's
/// document, revision and recent log in the actor state store (layout in <see cref="RoomActorState"/>).
/// Dapr's turn-based concurrency makes it the room's single writer across every replica. An accepted
/// operation is saved before the answer leaves — a replica's batch of them in one save
/// (<see cref="SubmitManyAsync"/>); a failed save drops the room from memory so the next call reloads
/// what the store really holds.
/// </summary>
public sealed class DojoRoomActor : Actor, IDojoRoomActor
{
    private readonly DojoRoomOptions options;
    private DojoRoom? room;
    private RoomActorMeta meta = RoomActorMeta.Empty;

    public DojoRoomActor(ActorHost host, IOptions<DojoRoomOptions> options)
        : base(host)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
    }

    /// <summary>For tests: the actor over a given state manager (Dapr's own is only made by its runtime).</summary>
    internal DojoRoomActor(ActorHost host, IOptions<DojoRoomOptions> options, IActorStateManager stateManager)
        : this(host, options) => StateManager = stateManager;

    public async Task<ActorJoinResult> JoinAsync()
    {
        var loaded = await LoadAsync();
        return meta.Closed
            ? new ActorJoinResult(null, DojoErrorCodes.RoomClosed, "The room is closed.")
            : new ActorJoinResult(loaded.Snapshot());
    }

    public async Task<ActorSubmitResult> SubmitAsync(ActorSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return (await DecideAndStoreAsync([room => room.Decide(AsRoomSubmission(submission))]))[0];
    }

    public Task<IReadOnlyList<ActorSubmitResult>> SubmitManyAsync(IReadOnlyList<ActorSubmission> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        return DecideAndStoreAsync([.. submissions.Select(s => (Func<DojoRoom, RoomDecision>)(room => room.Decide(AsRoomSubmission(s))))]);
    }

    public async Task<ActorSubmitResult> SubmitTextAsync(ActorTextSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return (await DecideAndStoreAsync([room => room.DecideText(new RoomTextSubmission("", submission.ClientId, submission.Seq, submission.Revision, submission.Text))]))[0];
    }

    // The connection is the replica's business: the actor answers, the replica routes.
    private static RoomSubmission AsRoomSubmission(ActorSubmission submission) =>
        new("", submission.ClientId, submission.Seq, submission.Revision, submission.Operation);

    /// <summary>
    /// Decides each submission on the room as the earlier ones left it (accepted ones are committed in
    /// memory at once), then saves every accepted operation in one transaction. Anything unexpected
    /// on the way, or a failed save, drops the room from memory: what the store holds is the truth.
    /// </summary>
    private async Task<IReadOnlyList<ActorSubmitResult>> DecideAndStoreAsync(IReadOnlyList<Func<DojoRoom, RoomDecision>> decisions)
    {
        var loaded = await LoadAsync();
        if (meta.Closed)
        {
            return [.. decisions.Select(_ => Refused(DojoErrorCodes.RoomClosed, "The room is closed."))];
        }

        var results = new ActorSubmitResult[decisions.Count];
        var accepted = new List<StoredOperation>();
        try
        {
            for (var i = 0; i < decisions.Count; i++)
            {
                results[i] = Decide(loaded, decisions[i], accepted);
            }
        }
        catch
        {
            await ForgetAsync();
            throw;
        }

        if (accepted.Count > 0)
        {
            await StoreAsync(loaded, accepted);
        }

        return results;
    }

    private static ActorSubmitResult Decide(DojoRoom loaded, Func<DojoRoom, RoomDecision> decide, List<StoredOperation> accepted)
    {
        RoomDecision decision;
        try
        {
            decision = decide(loaded);
        }
        catch (RoomRefusedException refused)
        {
            return Refused(refused.Code, refused.Message);
        }

        switch (decision)
        {
            case RoomDecision.Duplicate duplicate:
                return new ActorSubmitResult(ActorSubmitOutcome.Duplicate, Revision: duplicate.Revision);
            case RoomDecision.Resync resync:
                return new ActorSubmitResult(ActorSubmitOutcome.Resync, Revision: resync.Snapshot.Revision, Snapshot: resync.Snapshot);
            case RoomDecision.Accept accept:
                // Committed now so the next submission of the batch is decided after it; saved below.
                loaded.Commit(accept.Operation);
                accepted.Add(accept.Operation);
                return new ActorSubmitResult(ActorSubmitOutcome.Accepted, accept.Operation, accept.Operation.Revision);
            default:
                throw new InvalidOperationException($"Unknown decision {decision}.");
        }
    }

    public async Task<RoomSnapshot> GetSnapshotAsync() => (await LoadAsync()).Snapshot();

    public async Task<IReadOnlyList<StoredOperation>?> GetOperationsSinceAsync(int revision) => (await LoadAsync()).OperationsSince(revision);

    public async Task<IReadOnlyList<StoredOperation>?> GetOperationsAsync(RevisionRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return (await LoadAsync()).OperationsSince(range.From - 1) is { } since
            ? [.. since.TakeWhile(operation => operation.Revision <= range.To)]
            : null;
    }

    public async Task CloseAsync()
    {
        await LoadAsync();
        if (meta.Closed)
        {
            return;
        }

        var closed = meta with { Closed = true };
        await SaveAsync(async () => await StateManager.SetStateAsync(RoomActorState.Meta, closed));
        meta = closed;
    }

    /// <summary>Saves operations already committed to <paramref name="loaded"/> (and, when one is due, a snapshot) in one transaction.</summary>
    private async Task StoreAsync(DojoRoom loaded, IReadOnlyList<StoredOperation> operations)
    {
        var compact = false;
        var next = meta with { Revision = operations[^1].Revision };
        await SaveAsync(async () =>
        {
            foreach (var operation in operations)
            {
                await StateManager.SetStateAsync(RoomActorState.Operation(operation.Revision), operation);
            }

            if (loaded.SinceSnapshot >= options.SnapshotEvery)
            {
                var snapshot = loaded.Snapshot();
                await StateManager.SetStateAsync(RoomActorState.Snapshot, snapshot);
                // Keep what the in-memory log keeps after Compact: the last RetainedOperations.
                var firstRetained = Math.Max(1, snapshot.Revision - options.RetainedOperations + 1);
                for (var revision = meta.FirstRetained; revision < firstRetained; revision++)
                {
                    await StateManager.TryRemoveStateAsync(RoomActorState.Operation(revision));
                }

                next = next with { FirstRetained = firstRetained };
                compact = true;
            }

            await StateManager.SetStateAsync(RoomActorState.Meta, next);
        });
        meta = next;
        if (compact)
        {
            loaded.Compact();
        }
    }

    /// <summary>Stages changes and saves them in one transaction; on any failure forgets what is in memory.</summary>
    private async Task SaveAsync(Func<Task> stage)
    {
        try
        {
            await stage();
            await StateManager.SaveStateAsync();
        }
        catch
        {
            await ForgetAsync();
            throw;
        }
    }

    /// <summary>Drops the room from memory (and the state manager's cache): the next call reloads what the store holds.</summary>
    private async Task ForgetAsync()
    {
        room = null;
        meta = RoomActorMeta.Empty;
        await StateManager.ClearCacheAsync();
    }

    /// <summary>The room from the state store: snapshot, the retained operations before it and the ones after it.</summary>
    private async Task<DojoRoom> LoadAsync()
    {
        if (room is not null)
        {
            return room;
        }

        var storedMeta = await StateManager.TryGetStateAsync<RoomActorMeta>(RoomActorState.Meta);
        var current = storedMeta.HasValue ? storedMeta.Value : RoomActorMeta.Empty;
        var storedSnapshot = await StateManager.TryGetStateAsync<RoomSnapshot>(RoomActorState.Snapshot);
        var snapshot = storedSnapshot.HasValue ? storedSnapshot.Value : null;
        var snapshotRevision = snapshot?.Revision ?? 0;
        var history = new List<StoredOperation>();
        var later = new List<StoredOperation>();
        for (var revision = current.FirstRetained; revision <= current.Revision; revision++)
        {
            var operation = await StateManager.TryGetStateAsync<StoredOperation>(RoomActorState.Operation(revision));
            if (!operation.HasValue)
            {
                throw new InvalidOperationException($"Room {Id} misses its stored operation {revision} (revision {current.Revision}).");
            }

            (revision <= snapshotRevision ? history : later).Add(operation.Value);
        }

        room = DojoRoom.Load(snapshot, later, options, history);
        meta = current;
        return room;
    }

    private static ActorSubmitResult Refused(string code, string message) =>
        new(ActorSubmitOutcome.Refused, RefusedCode: code, RefusedMessage: message);
}
