using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// One dojo replica's view of the rooms its connections are in: it forwards each room's accepted
/// operations to those connections through <see cref="IRoomBroadcast"/> in revision order, whatever
/// order they arrive in (pub/sub does not keep one, and the submitter's replica also learns its own
/// operations straight from the actor's answer).
/// <list type="bullet">
/// <item>Per room: the next revision to forward and a buffer of later ones; duplicates (a revision
/// already forwarded or buffered) are dropped; rooms without local connections are ignored.</item>
/// <item>Forwarding is an awaited <see cref="IRoomBroadcast.AcceptedAsync"/> of every consecutive revision
/// buffered: <c>Ack</c> to a submitter if it is here, <c>Operations</c> to the room's other connections here. One room's
/// sends run one at a time, so a connection's messages leave in revision order and an <c>Ack</c>
/// never overtakes an operation of a lower revision.</item>
/// <item>A gap that lasts <see cref="DojoActorOptions.GapTimeout"/> is filled from the room's actor
/// (<see cref="IRoomSource.OperationsSinceAsync"/>); if the actor no longer keeps those operations,
/// the room's connections here get a <c>Resync</c> with the actor's document.</item>
/// <item>An operation published by reference (too big for the broker) is read from the actor
/// (<see cref="IRoomSource.OperationsAsync"/>) and then forwarded like any other; one that cannot be
/// read is a gap.</item>
/// </list>
/// No Dapr type here: the actor and pub/sub sit behind <see cref="IRoomSource"/> and the caller.
/// </summary>
internal sealed partial class ReplicaRoomFeed(
    IRoomBroadcast broadcast,
    IRoomSource source,
    IOptions<DojoActorOptions> options,
    TimeProvider time,
    ILogger<ReplicaRoomFeed> logger) : IDisposable
{
    private readonly ConcurrentDictionary<RoomKey, Line> lines = new();

    /// <summary>Whether this replica has connections in the room.</summary>
    public bool Follows(RoomKey room) => lines.ContainsKey(room);

    /// <summary>
    /// A connection starts receiving the room's operations. Called before the actor's join: every
    /// operation the actor accepts after the join's snapshot then reaches it.
    /// </summary>
    public async Task AddConnectionAsync(RoomKey room, string connectionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = lines.GetOrAdd(room, _ => new Line());
            await line.Gate.WaitAsync(cancellationToken);
            try
            {
                if (line.Removed)
                {
                    continue; // dropped while we waited: take the line that replaced it.
                }

                line.Connections.Add(connectionId);
                await broadcast.AddAsync(room, connectionId, cancellationToken);
                return;
            }
            finally
            {
                line.Gate.Release();
            }
        }
    }

    /// <summary>
    /// The actor's join answered with <paramref name="revision"/>. The first join here sets where
    /// forwarding starts; operations buffered meanwhile that the snapshot already holds are dropped.
    /// </summary>
    public async Task JoinedAsync(RoomKey room, int revision)
    {
        await WithLineAsync(room, async line =>
        {
            if (line.Next is null)
            {
                line.Next = revision + 1;
                DropThrough(line, revision, superseded: false);
                await DrainAsync(room, line);
            }

            return true;
        });
    }

    /// <summary>A connection stops receiving the room's operations; the last one here stops following the room.</summary>
    public async Task RemoveConnectionAsync(RoomKey room, string connectionId, CancellationToken cancellationToken)
    {
        await WithLineAsync(room, async line =>
        {
            if (line.Connections.Remove(connectionId))
            {
                await broadcast.RemoveAsync(room, connectionId, cancellationToken);
            }

            line.ResyncedAt.Remove(connectionId);
            if (line.Connections.Count == 0)
            {
                line.Removed = true;
                lines.TryRemove(new KeyValuePair<RoomKey, Line>(room, line));
                line.Close();
            }

            return true;
        });
    }

    /// <summary>
    /// An accepted operation, from pub/sub or from the actor's answer. The returned task completes
    /// once it has been forwarded here (or superseded by a resync, or the room has no connections here
    /// any more): the submitter's replica waits on it so the hub answers after the <c>Ack</c>.
    /// </summary>
    public async Task<Task> OfferAsync(RoomKey room, StoredOperation operation, string? submitterConnectionId, int baseRevision)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return await WithLineAsync(room, async line =>
        {
            var forwarded = Buffer(line, operation, submitterConnectionId, baseRevision);
            await DrainAsync(room, line);
            return forwarded;
        }) ?? Task.CompletedTask;
    }

    /// <summary>
    /// Several accepted operations at once (what one actor call accepted for this replica's
    /// submitters): buffered together, then forwarded together, so each connection gets them in as
    /// few messages as their order allows. Completes once all of them have been forwarded.
    /// </summary>
    public async Task<Task> OfferAllAsync(RoomKey room, IReadOnlyList<(StoredOperation Operation, string? SubmitterConnectionId, int BaseRevision)> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return await WithLineAsync(room, async line =>
        {
            var forwarded = operations.Select(o => Buffer(line, o.Operation, o.SubmitterConnectionId, o.BaseRevision)).ToList();
            await DrainAsync(room, line);
            return Task.WhenAll(forwarded);
        }) ?? Task.CompletedTask;
    }

    /// <summary>Buffers an operation unless it was forwarded or buffered already; the task completes when it has been forwarded.</summary>
    private static Task Buffer(Line line, StoredOperation operation, string? submitterConnectionId, int baseRevision)
    {
        if (line.Next is { } next && operation.Revision < next)
        {
            return Task.CompletedTask; // already forwarded: a duplicate delivery.
        }

        if (line.Pending.TryGetValue(operation.Revision, out var buffered))
        {
            buffered.SubmitterConnectionId ??= submitterConnectionId;
            return buffered.Forwarded.Task;
        }

        var entry = new Entry(operation, submitterConnectionId, baseRevision);
        line.Pending.Add(operation.Revision, entry);
        return entry.Forwarded.Task;
    }

    /// <summary>
    /// An accepted operation published by reference (too big for a pub/sub message,
    /// <see cref="RoomOperationMessage.ForPublishing"/>): read from the room and offered like an inline
    /// one, so it is forwarded in the same place of the same order. Nothing is read when this replica
    /// has no connections in the room, or already has the revision (the submitter's replica has it
    /// from the actor's answer). When it cannot be read (the call failed, or the room's log no longer
    /// holds it) the revision is a gap like a message that never came: after
    /// <see cref="DojoActorOptions.GapTimeout"/> it is read again with whatever follows it, or, if the
    /// log has moved past it, the room's connections here get a <c>Resync</c>. Nothing is skipped.
    /// </summary>
    public async Task OfferByReferenceAsync(RoomKey room, int revision, string? submitterConnectionId, int baseRevision)
    {
        var alreadyHere = await WithLineAsync<bool?>(room, line => Task.FromResult<bool?>(AlreadyHas(line, revision, submitterConnectionId)));
        if (alreadyHere is not false)
        {
            return; // not following the room (null), or forwarded or buffered already.
        }

        StoredOperation? operation = null;
        try
        {
            var read = await source.OperationsAsync(room, new RevisionRange(revision, revision), CancellationToken.None);
            operation = read?.FirstOrDefault(o => o.Revision == revision);
            if (operation is null)
            {
                LogReferenceGone(logger, room.RoomId, revision);
            }
        }
#pragma warning disable CA1031 // the revision becomes a gap, which the gap timer fills or resyncs.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReferenceUnreadable(logger, exception, room.RoomId, revision);
        }

        if (operation is not null)
        {
            await OfferAsync(room, operation, submitterConnectionId, baseRevision);
            return;
        }

        await WithLineAsync(room, line =>
        {
            line.Expected = Math.Max(line.Expected, revision);
            WatchForGap(room, line);
            return Task.FromResult(true);
        });
    }

    private static bool AlreadyHas(Line line, int revision, string? submitterConnectionId)
    {
        if (line.Next is { } next && revision < next)
        {
            return true;
        }

        if (line.Pending.TryGetValue(revision, out var buffered))
        {
            buffered.SubmitterConnectionId ??= submitterConnectionId;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="send"/> (a message to one connection) once the room has been forwarded
    /// through <paramref name="revision"/> here, so it cannot overtake an operation up to it. The
    /// returned task completes when it has run, or was superseded by a resync of the room.
    /// </summary>
    public async Task<Task> AfterAsync(RoomKey room, int revision, Func<Task> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        return await WithLineAsync(room, async line =>
        {
            if (line.Next is { } next && revision < next)
            {
                await send();
                return Task.CompletedTask;
            }

            var deferred = new Deferred(revision, send);
            line.Deferred.Add(deferred);
            return deferred.Done.Task;
        }) ?? Task.CompletedTask;
    }

    /// <summary>
    /// Sends <c>Resync</c> to one connection, in order: at once if the snapshot is where forwarding
    /// is, after forwarding reaches it if it is ahead. False if forwarding is already past it (the
    /// connection would miss the operations in between): ask the actor for a newer snapshot.
    /// </summary>
    public async Task<Task?> TryResyncAsync(RoomKey room, string connectionId, RoomSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!Follows(room))
        {
            return Task.CompletedTask; // the connection has left: nobody to tell.
        }

        // Null from here also when the line went away meanwhile: the caller asks again and finds it gone.
        return await WithLineAsync(room, async line =>
        {
            if (line.Next is not { } next || snapshot.Revision < next - 1)
            {
                return null;
            }

            Task Send()
            {
                line.ResyncedAt[connectionId] = snapshot.Revision;
                return broadcast.ResyncAsync(room, connectionId, snapshot, CancellationToken.None);
            }

            if (snapshot.Revision == next - 1)
            {
                await Send();
                return Task.CompletedTask;
            }

            var deferred = new Deferred(snapshot.Revision, Send);
            line.Deferred.Add(deferred);
            return deferred.Done.Task;
        });
    }

    public void Dispose()
    {
        foreach (var line in lines.Values)
        {
            line.Close();
        }

        lines.Clear();
    }

    /// <summary>Runs <paramref name="work"/> under the room's gate; default when this replica does not follow the room.</summary>
    private async Task<T?> WithLineAsync<T>(RoomKey room, Func<Line, Task<T>> work)
    {
        if (!lines.TryGetValue(room, out var line))
        {
            return default;
        }

        await line.Gate.WaitAsync(CancellationToken.None);
        try
        {
            return line.Removed ? default : await work(line);
        }
        finally
        {
            line.Gate.Release();
        }
    }

    /// <summary>
    /// Forwards every buffered revision that is next in line, then watches for a gap. Consecutive
    /// buffered revisions go out together (one message per connection), up to the first one a deferred
    /// send waits for: that send runs right after it, before anything later.
    /// </summary>
    private async Task DrainAsync(RoomKey room, Line line)
    {
        while (line.Next is { } first && line.Pending.ContainsKey(first))
        {
            var run = new List<(int Revision, Entry Entry)>();
            var next = first;
            while (line.Pending.Remove(next, out var entry))
            {
                run.Add((next, entry));
                if (line.Deferred.Any(d => d.Revision <= next))
                {
                    break;
                }

                next++;
            }

            try
            {
                await broadcast.AcceptedAsync(room, run.Select(r => new AcceptedOperation(r.Entry.Operation, SubmitterOf(line, r.Entry))).ToList(), CancellationToken.None);
            }
#pragma warning disable CA1031 // stored by the actor: a failed send here must not stop the room's forwarding.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogForwardFailed(logger, exception, first, run[^1].Revision);
            }

            var last = run[^1].Revision;
            line.Next = last + 1;
            foreach (var (_, entry) in run)
            {
                entry.Forwarded.TrySetResult();
            }

            await RunDeferredAsync(line, last);
        }

        WatchForGap(room, line);
    }

    /// <summary>
    /// Who gets an <c>Ack</c> for the entry here: its submitter, unless that connection was resynced past
    /// the operation's base — it dropped the operation as unacknowledged, so it gets it like everyone else.
    /// </summary>
    private static string SubmitterOf(Line line, Entry entry) =>
        entry.SubmitterConnectionId is { } connection
        && line.ResyncedAt.TryGetValue(connection, out var resyncedAt) && resyncedAt > entry.BaseRevision
            ? ""
            : entry.SubmitterConnectionId ?? "";

    private static async Task RunDeferredAsync(Line line, int forwarded)
    {
        foreach (var deferred in line.Deferred.Where(d => d.Revision <= forwarded).ToList())
        {
            line.Deferred.Remove(deferred);
            try
            {
                await deferred.Send();
                deferred.Done.TrySetResult();
            }
#pragma warning disable CA1031 // handed to the waiting caller; the room's forwarding goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                deferred.Done.TrySetException(exception);
            }
        }
    }

    /// <summary>Drops buffered operations and deferred sends up to <paramref name="revision"/> (already in a snapshot).</summary>
    private static void DropThrough(Line line, int revision, bool superseded)
    {
        foreach (var old in line.Pending.Keys.Where(r => r <= revision).ToList())
        {
            line.Pending.Remove(old, out var entry);
            entry!.Forwarded.TrySetResult();
        }

        if (superseded)
        {
            foreach (var deferred in line.Deferred.Where(d => d.Revision <= revision).ToList())
            {
                line.Deferred.Remove(deferred);
                deferred.Done.TrySetResult();
            }
        }
    }

    /// <summary>A later revision is buffered (or known to exist) but the next is missing: after the gap timeout, fill it from the actor.</summary>
    private void WatchForGap(RoomKey room, Line line)
    {
        if (line.Next is not { } next || !line.AwaitsMissing)
        {
            line.StopGapTimer();
            return;
        }

        if (line.GapTimer is not null && line.GapAt == next)
        {
            return; // the same gap is already being watched.
        }

        line.StopGapTimer();
        line.GapAt = next;
        line.GapTimer = time.CreateTimer(_ => _ = FillGapAsync(room, line, next), null, options.Value.GapTimeout, Timeout.InfiniteTimeSpan);
    }

    private async Task FillGapAsync(RoomKey room, Line line, int missing)
    {
        await line.Gate.WaitAsync(CancellationToken.None);
        try
        {
            if (line.Removed || line.Next != missing || !line.AwaitsMissing)
            {
                return; // filled by pub/sub meanwhile.
            }

            line.StopGapTimer();
            LogGap(logger, room.RoomId, missing);
            var operations = await source.OperationsSinceAsync(room, missing - 1, CancellationToken.None);
            if (operations is not null)
            {
                foreach (var operation in operations.Where(o => o.Revision >= missing && !line.Pending.ContainsKey(o.Revision)))
                {
                    line.Pending.Add(operation.Revision, new Entry(operation, null, operation.Revision - 1));
                }

                await DrainAsync(room, line);
                return;
            }

            // Too far behind for the actor's log: start this replica's connections over.
            var snapshot = await source.SnapshotAsync(room, CancellationToken.None);
            foreach (var connection in line.Connections)
            {
                line.ResyncedAt[connection] = snapshot.Revision;
                await broadcast.ResyncAsync(room, connection, snapshot, CancellationToken.None);
            }

            line.Next = Math.Max(missing, snapshot.Revision + 1);
            DropThrough(line, snapshot.Revision, superseded: true);
            await DrainAsync(room, line);
        }
#pragma warning disable CA1031 // a timer callback: log, and watch the gap again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogGapFillFailed(logger, exception, room.RoomId, missing);
            if (!line.Removed)
            {
                line.StopGapTimer();
                WatchForGap(room, line);
            }
        }
        finally
        {
            line.Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Revisions {First} to {Last} could not be forwarded to every connection")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception, int first, int last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: revision {Revision} did not arrive through pub/sub in time; asking the room's actor")]
    private static partial void LogGap(ILogger logger, Guid roomId, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: revision {Revision}, published by reference, could not be read from the room's actor; treated as a gap")]
    private static partial void LogReferenceUnreadable(ILogger logger, Exception exception, Guid roomId, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: revision {Revision}, published by reference, is no longer in the room's log; treated as a gap")]
    private static partial void LogReferenceGone(ILogger logger, Guid roomId, int revision);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the gap at revision {Revision} could not be filled")]
    private static partial void LogGapFillFailed(ILogger logger, Exception exception, Guid roomId, int revision);

    /// <summary>One room on this replica.</summary>
    private sealed class Line
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        /// <summary>The next revision to forward; null until the first join here answers.</summary>
        public int? Next { get; set; }

        public SortedDictionary<int, Entry> Pending { get; } = [];

        public List<Deferred> Deferred { get; } = [];

        /// <summary>Connections sent a Resync, and its revision: they dropped what they had not had acknowledged.</summary>
        public Dictionary<string, int> ResyncedAt { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The highest revision known to exist without being buffered: one published by reference that
        /// could not be read. Until forwarding passes it, it is a gap even with nothing buffered after it.
        /// </summary>
        public int Expected { get; set; }

        /// <summary>Something after the next revision is buffered or known to exist: the next one is missing.</summary>
        public bool AwaitsMissing => Pending.Count > 0 || (Next is { } next && Expected >= next);

        public ITimer? GapTimer { get; set; }

        public int GapAt { get; set; }

        public bool Removed { get; set; }

        public void StopGapTimer()
        {
            GapTimer?.Dispose();
            GapTimer = null;
        }

        /// <summary>Nothing more will be forwarded: release whoever waits.</summary>
        public void Close()
        {
            StopGapTimer();
            foreach (var entry in Pending.Values)
            {
                entry.Forwarded.TrySetResult();
            }

            foreach (var deferred in Deferred)
            {
                deferred.Done.TrySetResult();
            }

            Pending.Clear();
            Deferred.Clear();
        }
    }

    private sealed class Entry(StoredOperation operation, string? submitterConnectionId, int baseRevision)
    {
        public StoredOperation Operation { get; } = operation;

        public string? SubmitterConnectionId { get; set; } = submitterConnectionId;

        public int BaseRevision { get; } = baseRevision;

        public TaskCompletionSource Forwarded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Deferred(int revision, Func<Task> send)
    {
        public int Revision { get; } = revision;

        public Func<Task> Send { get; } = send;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
