using System.Collections.Concurrent;
using System.Diagnostics;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// Rooms under Dapr: each room is a <see cref="DojoRoomActor"/> (one writer for the whole cluster),
/// and this replica forwards what the actors accept to its own connections through
/// <see cref="ReplicaRoomFeed"/>. The room's existence and tenant are checked against the <c>rooms</c>
/// table (under RLS, as the user) on join; the actor id carries the tenant, so a room of another
/// tenant is another actor.
/// </summary>
internal sealed partial class ActorRoomHost(
    RoomActors actors,
    RoomStorage storage,
    ReplicaRoomFeed feed,
    IRoomOperationPublisher publisher,
    IRoomBroadcast broadcast,
    DojoMetrics metrics,
    ILogger<ActorRoomHost> logger) : IRoomHost
{
    private readonly ConcurrentDictionary<RoomKey, SubmitQueue> submitQueues = new();

    public async Task<RoomSnapshot> JoinAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        switch (await storage.IsClosedAsync(user, roomId, cancellationToken))
        {
            case null:
                throw new RoomRefusedException(DojoErrorCodes.RoomNotFound, "There is no such room.");
            case true:
                throw new RoomRefusedException(DojoErrorCodes.RoomClosed, "The room is closed.");
        }

        var key = new RoomKey(user.TenantId, roomId);
        // Following the room before the actor reads its snapshot: whatever it accepts after that
        // snapshot is forwarded to this connection.
        await feed.AddConnectionAsync(key, connectionId, cancellationToken);
        try
        {
            var result = await actors.For(key).JoinAsync();
            var snapshot = result.Snapshot
                ?? throw new RoomRefusedException(result.RefusedCode ?? DojoErrorCodes.RoomClosed, result.RefusedMessage ?? "Refused.");
            await feed.JoinedAsync(key, snapshot.Revision);
            return snapshot;
        }
        catch
        {
            await feed.RemoveConnectionAsync(key, connectionId, CancellationToken.None);
            throw;
        }
    }

    public async Task LeaveAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Nothing for the actor: a connection is this replica's business.
        var key = new RoomKey(user.TenantId, roomId);
        await feed.RemoveConnectionAsync(key, connectionId, cancellationToken);
        if (!feed.Follows(key))
        {
            // No connection here submits to the room any more. One still on its way keeps the queue it
            // holds; a later one starts a new queue (two queues only cost the batching, never the order:
            // the actor orders its calls).
            submitQueues.TryRemove(key, out _);
        }
    }

    public async Task SubmitAsync(TenantUser user, Guid roomId, RoomSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(submission);
        var key = new RoomKey(user.TenantId, roomId);
        var actor = actors.For(key);
        var received = Stopwatch.GetTimestamp();
        var pending = new PendingSubmission(new ActorSubmission(submission.ClientId, submission.Seq, submission.Revision, submission.Operation), submission.ConnectionId);
        var result = await SubmitTogetherAsync(key, actor, pending);
        await CarryOutAsync(key, actor, submission.ConnectionId, submission.Seq, submission.Revision, received, result, cancellationToken);
    }

    /// <summary>How many of this replica's submissions to the room wait for the room's turn here (what the next actor call will carry).</summary>
    internal int Queued(RoomKey key) => submitQueues.TryGetValue(key, out var queue) ? queue.Waiting.Count : 0;

    /// <summary>
    /// Group commit towards the room's actor: a submission joins this replica's queue for the room and
    /// waits for the room's turn here; whoever gets it sends every submission queued by then in one
    /// actor call (<see cref="IDojoRoomActor.SubmitManyAsync"/>: one turn, one state-store save), hands
    /// what was accepted to the feed together, and gives each submission its answer. A room through
    /// Dapr is otherwise capped at one accepted operation per save round trip (docs/performance.md,
    /// "The actor path"). A failed call fails every submission of its batch (their clients resubmit).
    /// </summary>
    private async Task<ActorSubmitResult> SubmitTogetherAsync(RoomKey key, IDojoRoomActor actor, PendingSubmission pending)
    {
        var queue = submitQueues.GetOrAdd(key, _ => new SubmitQueue());
        queue.Waiting.Enqueue(pending);
        await queue.Turn.WaitAsync(CancellationToken.None);
        try
        {
            // Whoever dequeues a submission answers it before giving up the turn: one not answered yet is still queued.
            if (!pending.Answer.Task.IsCompleted)
            {
                var batch = new List<PendingSubmission>();
                while (queue.Waiting.TryDequeue(out var waiting))
                {
                    batch.Add(waiting);
                }

                try
                {
                    var results = await actor.SubmitManyAsync([.. batch.Select(p => p.Submission)]);
                    if (results.Count != batch.Count)
                    {
                        throw new InvalidOperationException($"The room actor answered {results.Count} of {batch.Count} submissions.");
                    }

                    var accepted = batch.Zip(results)
                        .Where(p => p.Second is { Outcome: ActorSubmitOutcome.Accepted, Accepted: not null })
                        .Select(p => (p.Second.Accepted!, (string?)p.First.ConnectionId, p.First.Submission.Revision))
                        .ToList();
                    if (accepted.Count > 1)
                    {
                        // Forwarded here together (one message per connection); each submitter's ForwardAsync then finds its own done.
                        _ = await feed.OfferAllAsync(key, accepted);
                    }

                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Answer.TrySetResult(results[i]);
                    }
                }
#pragma warning disable CA1031 // handed to every submission of the batch
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    foreach (var failed in batch)
                    {
                        failed.Answer.TrySetException(exception);
                    }
                }
            }
        }
        finally
        {
            queue.Turn.Release();
        }

        return await pending.Answer.Task;
    }

    public async Task SubmitTextAsync(TenantUser user, Guid roomId, RoomTextSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(submission);
        var key = new RoomKey(user.TenantId, roomId);
        var actor = actors.For(key);
        var received = Stopwatch.GetTimestamp();
        var result = await actor.SubmitTextAsync(new ActorTextSubmission(submission.ClientId, submission.Seq, submission.Revision, submission.Text));
        await CarryOutAsync(key, actor, submission.ConnectionId, submission.Seq, submission.Revision, received, result, cancellationToken);
    }

    public async Task<RoomSnapshot> SnapshotAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The room's existence and tenant come from the rooms table, as on join; the document from its actor.
        _ = await storage.IsClosedAsync(user, roomId, cancellationToken)
            ?? throw new RoomRefusedException(DojoErrorCodes.RoomNotFound, "There is no such room.");
        return await actors.For(new RoomKey(user.TenantId, roomId)).GetSnapshotAsync();
    }

    /// <summary>Acknowledges, forwards or resyncs as the actor answered, or throws its refusal.</summary>
    private async Task CarryOutAsync(
        RoomKey key, IDojoRoomActor actor, string connectionId, long seq, int baseRevision, long received, ActorSubmitResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case ActorSubmitOutcome.Accepted when result.Accepted is { } accepted:
                metrics.Submitted("accepted");
                await ForwardAsync(key, connectionId, baseRevision, accepted, cancellationToken);
                metrics.Broadcast(Stopwatch.GetElapsedTime(received)); // handed to SignalR on this replica (the submitter's)
                break;
            case ActorSubmitOutcome.Duplicate:
                metrics.Submitted("duplicate");
                var acknowledged = await feed.AfterAsync(key, result.Revision,
                    () => broadcast.AcknowledgeAsync(key, connectionId, seq, result.Revision, CancellationToken.None));
                await acknowledged.WaitAsync(cancellationToken);
                break;
            case ActorSubmitOutcome.Resync when result.Snapshot is { } snapshot:
                metrics.Submitted("resync");
                await ResyncAsync(key, actor, connectionId, snapshot, cancellationToken);
                break;
            case ActorSubmitOutcome.Refused:
                throw new RoomRefusedException(result.RefusedCode ?? DojoErrorCodes.MalformedOperation, result.RefusedMessage ?? "Refused.");
            default:
                throw new InvalidOperationException($"The room actor answered {result.Outcome} without its data.");
        }
    }

    /// <summary>From the actor's retained log; a client further behind than it sees a gap and starts over.</summary>
    public async Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(TenantUser user, Guid roomId, int afterRevision, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var operations = await actors.For(new RoomKey(user.TenantId, roomId)).GetOperationsSinceAsync(afterRevision);
        return operations is null
            ? []
            : [.. operations.Take(limit).Select(o => new RoomOperation(o.Revision, o.ClientId, o.Seq, o.Operation))];
    }

    public Task ClosedAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return actors.For(new RoomKey(user.TenantId, roomId)).CloseAsync();
    }

    /// <summary>
    /// Publishes the stored operation to every replica and forwards it here straight away (the copy
    /// pub/sub brings back is dropped as a duplicate). Answers once this replica has forwarded it, so
    /// the submitter has its Ack, after every lower revision, when its invocation completes.
    /// </summary>
    private async Task ForwardAsync(RoomKey key, string connectionId, int baseRevision, StoredOperation accepted, CancellationToken cancellationToken)
    {
        var message = new RoomOperationMessage(key.TenantId, key.RoomId, accepted.Revision, accepted.ClientId, accepted.Seq,
            accepted.Operation, connectionId, baseRevision);
        var published = PublishAsync(message);
        var forwarded = await feed.OfferAsync(key, accepted, connectionId, baseRevision);
        await published;
        await forwarded.WaitAsync(cancellationToken);
    }

    private async Task PublishAsync(RoomOperationMessage message)
    {
        try
        {
            await publisher.PublishAsync(message, CancellationToken.None);
        }
#pragma warning disable CA1031 // stored: the other replicas fill the gap from the actor (ReplicaRoomFeed).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, exception, message.RoomId, message.Revision);
        }
    }

    /// <summary>A Resync must not land behind operations already forwarded here: if it would, take a newer snapshot.</summary>
    private async Task ResyncAsync(RoomKey key, IDojoRoomActor actor, string connectionId, RoomSnapshot snapshot, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await feed.TryResyncAsync(key, connectionId, snapshot) is { } sent)
            {
                await sent.WaitAsync(cancellationToken);
                return;
            }

            snapshot = await actor.GetSnapshotAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: revision {Revision} was stored but could not be published to the other replicas")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid roomId, int revision);

    /// <summary>One replica's submissions to one room waiting for the room's turn here.</summary>
    private sealed class SubmitQueue
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public ConcurrentQueue<PendingSubmission> Waiting { get; } = new();
    }

    /// <summary>A submission waiting for its batch's actor call, and its answer.</summary>
    private sealed class PendingSubmission(ActorSubmission submission, string connectionId)
    {
        public ActorSubmission Submission { get; } = submission;

        public string ConnectionId { get; } = connectionId;

        public TaskCompletionSource<ActorSubmitResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
