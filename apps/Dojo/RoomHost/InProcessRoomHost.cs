using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.RoomHost;

/// <summary>
/// Rooms in this process (Standalone, or one dojo replica without Dapr): one gate per room makes
/// every join, submission and leave of that room run one at a time, in arrival order. A room is
/// loaded from storage on first use and dropped from memory when its last connection leaves.
/// </summary>
internal sealed partial class InProcessRoomHost(
    RoomStorage storage,
    IRoomBroadcast broadcast,
    IOptions<DojoRoomOptions> options,
    DojoMetrics metrics,
    ILogger<InProcessRoomHost> logger) : IRoomHost
{
    private readonly ConcurrentDictionary<RoomKey, RoomSlot> rooms = new();

    public async Task<RoomSnapshot> JoinAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = new RoomKey(user.TenantId, roomId);
        while (true)
        {
            var slot = rooms.GetOrAdd(key, _ => new RoomSlot());
            await slot.Gate.WaitAsync(cancellationToken);
            try
            {
                if (slot.Evicted)
                {
                    continue; // dropped while we waited: take the slot that replaced it.
                }

                var room = await LoadedAsync(user, roomId, key, slot, cancellationToken);
                // Under the gate: every operation accepted after the snapshot below reaches this connection.
                await broadcast.AddAsync(key, connectionId, cancellationToken);
                slot.Connections.Add(connectionId);
                return room.Snapshot();
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }

    public async Task LeaveAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = new RoomKey(user.TenantId, roomId);
        if (!rooms.TryGetValue(key, out var slot))
        {
            return;
        }

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Connections.Remove(connectionId))
            {
                await broadcast.RemoveAsync(key, connectionId, cancellationToken);
            }

            if (slot.Connections.Count == 0)
            {
                Evict(key, slot); // everything is stored: the next join loads it again.
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public Task SubmitAsync(TenantUser user, Guid roomId, RoomSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return QueueAsync(user, roomId, new PendingSubmission(submission), cancellationToken);
    }

    /// <summary>A whole text queues like an operation; it becomes one when its batch is decided (<see cref="DojoRoom.DecideText"/>).</summary>
    public Task SubmitTextAsync(TenantUser user, Guid roomId, RoomTextSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return QueueAsync(user, roomId, new PendingSubmission(submission), cancellationToken);
    }

    /// <summary>
    /// Group commit: a submission joins the room's queue, then waits for the gate. Whoever gets the
    /// gate takes every submission queued by then, decides them in order (each on the room as the
    /// previous ones left it), stores the accepted ones in one transaction — one durable commit for
    /// the lot instead of one each — and only then acknowledges and broadcasts them, in revision
    /// order, a connection getting the batch's operations in one message. The others find theirs done when the gate reaches them. Nothing is acknowledged,
    /// broadcast or seen by a join before it is stored (the gate is held throughout); a failed write
    /// drops the room from memory so it is reloaded from what was stored.
    /// </summary>
    private async Task QueueAsync(TenantUser user, Guid roomId, PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = new RoomKey(user.TenantId, roomId);
        while (true)
        {
            var slot = rooms.GetOrAdd(key, _ => new RoomSlot());
            slot.Submissions.Enqueue(pending);
            await slot.Gate.WaitAsync(cancellationToken);
            try
            {
                if (slot.Evicted)
                {
                    if (pending.Taken)
                    {
                        break;
                    }

                    continue; // dropped while we waited, ours still queued there: queue it in the slot that replaced it.
                }

                if (!pending.Taken)
                {
                    var room = await LoadedAsync(user, roomId, key, slot, cancellationToken);
                    var batch = new List<PendingSubmission>();
                    while (slot.Submissions.TryDequeue(out var queued))
                    {
                        if (!queued.Taken)
                        {
                            queued.Taken = true;
                            batch.Add(queued);
                        }
                    }

                    await SubmitBatchAsync(user, roomId, key, slot, room, batch);
                }

                break;
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        await pending.Done.Task;
    }

    // Every operation is stored before it is applied: the stored log always reaches the room's revision.
    public Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(TenantUser user, Guid roomId, int afterRevision, int limit, CancellationToken cancellationToken) =>
        storage.ReadOperationsAsync(user, roomId, afterRevision, limit, cancellationToken);

    public async Task<RoomSnapshot> SnapshotAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = new RoomKey(user.TenantId, roomId);
        if (rooms.TryGetValue(key, out var slot))
        {
            await slot.Gate.WaitAsync(cancellationToken);
            try
            {
                if (!slot.Evicted && slot.Room is { } room)
                {
                    return room.Snapshot();
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        // Not in memory (or closed): what is stored is every acknowledged edit.
        var loaded = await storage.LoadAsync(user, roomId, cancellationToken)
            ?? throw new RoomRefusedException(DojoErrorCodes.RoomNotFound, "There is no such room.");
        return DojoRoom.Load(loaded.Snapshot, loaded.Later, options.Value).Snapshot();
    }

    public async Task ClosedAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = new RoomKey(user.TenantId, roomId);
        if (!rooms.TryGetValue(key, out var slot))
        {
            return;
        }

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            // The next call loads the room again and finds it closed.
            Evict(key, slot);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task SubmitBatchAsync(TenantUser user, Guid roomId, RoomKey key, RoomSlot slot, DojoRoom room, List<PendingSubmission> batch)
    {
        // Decide every submission on the room as the earlier ones leave it (committed in memory at
        // once, but nothing leaves the gate before the write below has committed).
        var answers = new List<(PendingSubmission Pending, RoomDecision Decision, int? StoredRevision)>();
        var accepted = new List<StoredOperation>();
        foreach (var pending in batch)
        {
            try
            {
                var decision = pending.DecideOn(room);
                int? stored = null;
                if (decision is RoomDecision.Resync)
                {
                    // Too old for the log in memory, but perhaps a resubmission of a stored operation.
                    stored = await storage.FindRevisionAsync(user, roomId, pending.ClientId, pending.Seq, CancellationToken.None);
                }
                else if (decision is RoomDecision.Accept accept)
                {
                    room.Commit(accept.Operation);
                    accepted.Add(accept.Operation);
                }

                answers.Add((pending, decision, stored));
            }
            catch (RoomRefusedException refused)
            {
                pending.Done.TrySetException(refused);
            }
        }

        if (accepted.Count > 0)
        {
            bool stored;
            try
            {
                stored = await storage.AppendAllAsync(user, roomId, accepted, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // Whether the write committed is unknown: the stored state is the truth, so reload it.
                slot.Room = null;
                foreach (var (pending, _, _) in answers)
                {
                    pending.Done.TrySetException(exception);
                }

                return;
            }

            if (!stored)
            {
                // One of them was stored before this room was loaded (a resubmission after a restart):
                // nothing of the batch was written, and the room in memory went ahead of the database.
                slot.Room = null;
                if (answers.Count == 1)
                {
                    // Alone, it is the repeat: acknowledge it with the revision it was stored as.
                    var (alone, _, _) = answers[0];
                    await AnswerRepeatAsync(user, roomId, key, alone);
                    return;
                }

                // Which one is unknown: take them one at a time on the room reloaded from the database.
                foreach (var (pending, _, _) in answers)
                {
                    await SubmitAloneAsync(user, roomId, key, slot, pending);
                }

                return;
            }
        }

        // Answered in decision order; each run of accepted operations goes out together (one message per
        // connection for the run, however many it holds).
        var run = new List<(PendingSubmission Pending, StoredOperation Operation)>();
        foreach (var (pending, decision, storedRevision) in answers)
        {
            if (decision is RoomDecision.Accept accept)
            {
                run.Add((pending, accept.Operation));
                continue;
            }

            await BroadcastAcceptedAsync(key, run);
            run.Clear();
            try
            {
                switch (decision)
                {
                    case RoomDecision.Duplicate duplicate:
                        metrics.Submitted("duplicate");
                        await broadcast.AcknowledgeAsync(key, pending.ConnectionId, pending.Seq, duplicate.Revision, CancellationToken.None);
                        break;
                    case RoomDecision.Resync when storedRevision is { } revision:
                        metrics.Submitted("duplicate");
                        await broadcast.AcknowledgeAsync(key, pending.ConnectionId, pending.Seq, revision, CancellationToken.None);
                        break;
                    case RoomDecision.Resync:
                        metrics.Submitted("resync");
                        await broadcast.ResyncAsync(key, pending.ConnectionId, room.Snapshot(), CancellationToken.None);
                        break;
                }

                pending.Done.TrySetResult();
            }
#pragma warning disable CA1031 // that caller's answer failed to send: it hears of it, the others go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                pending.Done.TrySetException(exception);
            }
        }

        await BroadcastAcceptedAsync(key, run);

        if (room.SinceSnapshot >= options.Value.SnapshotEvery)
        {
            await SnapshotAsync(user, roomId, room);
        }
    }

    /// <summary>One submission as a batch of its own, on the room as stored (the path when a batch met a repeat).</summary>
    private async Task SubmitAloneAsync(TenantUser user, Guid roomId, RoomKey key, RoomSlot slot, PendingSubmission pending)
    {
        try
        {
            var room = await LoadedAsync(user, roomId, key, slot, CancellationToken.None);
            await SubmitBatchAsync(user, roomId, key, slot, room, [pending]);
        }
#pragma warning disable CA1031 // handed to that submission's caller
        catch (Exception exception)
#pragma warning restore CA1031
        {
            pending.Done.TrySetException(exception);
        }
    }

    /// <summary>A submission whose (client, seq) the database already holds: acknowledged with that revision, nothing applied.</summary>
    private async Task AnswerRepeatAsync(TenantUser user, Guid roomId, RoomKey key, PendingSubmission pending)
    {
        try
        {
            var revision = await storage.FindRevisionAsync(user, roomId, pending.ClientId, pending.Seq, CancellationToken.None)
                ?? throw new InvalidOperationException($"Operation ({pending.ClientId}, {pending.Seq}) clashed with a stored one that cannot be found.");
            metrics.Submitted("duplicate");
            await broadcast.AcknowledgeAsync(key, pending.ConnectionId, pending.Seq, revision, CancellationToken.None);
            pending.Done.TrySetResult();
        }
#pragma warning disable CA1031 // handed to that submission's caller
        catch (Exception exception)
#pragma warning restore CA1031
        {
            pending.Done.TrySetException(exception);
        }
    }

    /// <summary>Sends a run of accepted operations and tells their callers; stored and applied, they stay accepted even when the send fails.</summary>
    private async Task BroadcastAcceptedAsync(RoomKey key, List<(PendingSubmission Pending, StoredOperation Operation)> run)
    {
        if (run.Count == 0)
        {
            return;
        }

        try
        {
            await broadcast.AcceptedAsync(key, run.Select(a => new AcceptedOperation(a.Operation, a.Pending.ConnectionId)).ToList(), CancellationToken.None);
        }
#pragma warning disable CA1031 // stored and applied: a failed send must not undo it or stop the room.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogBroadcastFailed(logger, exception, run[0].Operation.Revision, run[^1].Operation.Revision);
        }

        foreach (var (pending, _) in run)
        {
            metrics.Submitted("accepted");
            metrics.Broadcast(Stopwatch.GetElapsedTime(pending.ReceivedAt));
            pending.Done.TrySetResult();
        }
    }

    private async Task SnapshotAsync(TenantUser user, Guid roomId, DojoRoom room)
    {
        try
        {
            await storage.WriteSnapshotAsync(user, roomId, room.Snapshot(), CancellationToken.None);
            room.Compact();
        }
#pragma warning disable CA1031 // the operations are stored: a missing snapshot only makes the next load longer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSnapshotFailed(logger, exception, room.Revision);
        }
    }

    /// <summary>The slot's room, loaded from storage if it is not in memory (under the gate).</summary>
    private async Task<DojoRoom> LoadedAsync(TenantUser user, Guid roomId, RoomKey key, RoomSlot slot, CancellationToken cancellationToken)
    {
        if (slot.Room is null)
        {
            var loaded = await storage.LoadAsync(user, roomId, cancellationToken);
            if (loaded is null || loaded.Closed)
            {
                Evict(key, slot);
                throw loaded is null
                    ? new RoomRefusedException(DojoErrorCodes.RoomNotFound, "There is no such room.")
                    : new RoomRefusedException(DojoErrorCodes.RoomClosed, "The room is closed.");
            }

            slot.Room = DojoRoom.Load(loaded.Snapshot, loaded.Later, options.Value);
        }

        return slot.Room;
    }

    private void Evict(RoomKey key, RoomSlot slot)
    {
        slot.Evicted = true;
        rooms.TryRemove(new KeyValuePair<RoomKey, RoomSlot>(key, slot));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Operations {First} to {Last} were stored but could not be sent to every connection")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception exception, int first, int last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot at revision {Revision} could not be written")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, int revision);

    /// <summary>A room's gate and what lives behind it.</summary>
    private sealed class RoomSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DojoRoom? Room { get; set; }

        /// <summary>The connections in the room (who they are is presence's business: <c>RoomPresence</c>).</summary>
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        public bool Evicted { get; set; }

        /// <summary>Submissions waiting for the gate; whoever holds it takes them all (group commit).</summary>
        public ConcurrentQueue<PendingSubmission> Submissions { get; } = new();
    }

    /// <summary>
    /// A submission in a room's queue — an operation, or a whole text that becomes one when it is
    /// decided — and how its caller learns the outcome.
    /// </summary>
    private sealed class PendingSubmission
    {
        private readonly RoomSubmission? operation;
        private readonly RoomTextSubmission? text;

        public PendingSubmission(RoomSubmission operation)
        {
            this.operation = operation;
            (ConnectionId, ClientId, Seq) = (operation.ConnectionId, operation.ClientId, operation.Seq);
        }

        public PendingSubmission(RoomTextSubmission text)
        {
            this.text = text;
            (ConnectionId, ClientId, Seq) = (text.ConnectionId, text.ClientId, text.Seq);
        }

        /// <summary>Where its answer goes.</summary>
        public string ConnectionId { get; }

        /// <summary>When it reached the room host (a <see cref="Stopwatch"/> timestamp): the broadcast latency's start.</summary>
        public long ReceivedAt { get; } = Stopwatch.GetTimestamp();

        public string ClientId { get; }

        public long Seq { get; }

        /// <summary>Taken into a batch (set under the gate).</summary>
        public bool Taken { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the room, as the batch left it so far, makes of it.</summary>
        /// <exception cref="RoomRefusedException">Bad input: the room is unchanged.</exception>
        public RoomDecision DecideOn(DojoRoom room) => text is null ? room.Decide(operation!) : room.DecideText(text);
    }
}
