using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Presence;

/// <summary>
/// Who is in each room on this process and where their cursors are, and the throttled
/// <c>Presence</c> broadcasts. Presence is ephemeral: never stored, never ordered with operations
/// (it names the revision its offsets refer to). One entry per user, as <see cref="RoomParticipant"/>
/// is: a user's connections share it, and the user leaves when their last connection does.
/// With several replicas, every broadcast also goes to the others through <see cref="IPresenceRelay"/>,
/// and the participants relayed by other replicas are forwarded to this one's connections and listed
/// by <see cref="Joined"/> (remote entries expire unless refreshed, see <see cref="RefreshAsync"/>).
/// </summary>
internal sealed partial class RoomPresence(
    IRoomBroadcast broadcast,
    IPresenceRelay relay,
    IOptions<PresenceOptions> options,
    TimeProvider time,
    ILogger<RoomPresence> logger)
{
    private readonly ConcurrentDictionary<RoomKey, RoomState> rooms = new();

    // Participants on other replicas, per room and (replica, user). One lock for all: presence is
    // throttled, and a room-state lock may be held while taking this one (never the reverse).
    private readonly Lock remoteLock = new();
    private readonly Dictionary<RoomKey, Dictionary<(string Replica, Guid User), RemoteEntry>> remote = [];
    private long sequence;

    /// <summary>This process's id in relayed messages: its own messages coming back are ignored.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Records a connection that joined; returns everyone in the room with their presence. When the
    /// user was not in the room yet, the others hear of the arrival.
    /// </summary>
    public IReadOnlyList<RoomParticipant> Joined(RoomKey room, string connectionId, RoomParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var state = rooms.GetOrAdd(room, _ => new RoomState());
        lock (state)
        {
            if (!state.Connections.TryAdd(connectionId, participant.UserId))
            {
                return Everyone(room, state); // joined twice on one connection
            }

            if (!state.Users.TryGetValue(participant.UserId, out var entry))
            {
                entry = new Entry(participant with { Presence = null, Left = false });
                state.Users[participant.UserId] = entry;
                entry.Tail = SendAfterAsync(entry.Tail, room, connectionId, entry.Participant);
            }

            entry.Connections++;
            return Everyone(room, state);
        }
    }

    /// <summary>
    /// The connection's user moved: broadcast now, or at the end of the user's interval with the
    /// latest state (never more than one broadcast per interval; the last update is always sent).
    /// </summary>
    /// <returns>False when the connection is not in the room.</returns>
    public bool Update(RoomKey room, string connectionId, ParticipantPresence presence)
    {
        if (!rooms.TryGetValue(room, out var state))
        {
            return false;
        }

        lock (state)
        {
            if (!state.Connections.TryGetValue(connectionId, out var userId) || !state.Users.TryGetValue(userId, out var entry))
            {
                return false;
            }

            entry.Participant = entry.Participant with { Presence = presence };
            entry.LastConnection = connectionId;
            if (entry.Timer is not null)
            {
                return true; // a broadcast is due: it will carry this state.
            }

            var interval = TimeSpan.FromMilliseconds(options.Value.IntervalMilliseconds);
            var now = time.GetTimestamp();
            var elapsed = entry.LastSent is { } last ? time.GetElapsedTime(last, now) : TimeSpan.MaxValue;
            if (elapsed >= interval)
            {
                entry.LastSent = now;
                entry.Tail = SendAfterAsync(entry.Tail, room, connectionId, entry.Participant);
            }
            else
            {
                entry.Timer = time.CreateTimer(_ => SendDue(room, state, entry), null, interval - elapsed, Timeout.InfiniteTimeSpan);
            }

            return true;
        }
    }

    /// <summary>Forgets a connection; when it was its user's last one, the others hear that the user left.</summary>
    public void Left(RoomKey room, string connectionId)
    {
        if (!rooms.TryGetValue(room, out var state))
        {
            return;
        }

        lock (state)
        {
            if (!state.Connections.Remove(connectionId, out var userId) || !state.Users.TryGetValue(userId, out var entry))
            {
                return;
            }

            if (--entry.Connections == 0)
            {
                state.Users.Remove(userId);
                entry.Timer?.Dispose();
                entry.Timer = null;
                // After any broadcast still in flight, so the departure is the last word. Relayed in any
                // case; not told here when the user is still in the room through another replica.
                entry.Tail = SendAfterAsync(entry.Tail, room, connectionId, entry.Participant with { Presence = null, Left = true },
                    sendHere: !LiveElsewhere(room, userId, exceptReplica: null));
            }

            if (state.Connections.Count == 0)
            {
                rooms.TryRemove(new KeyValuePair<RoomKey, RoomState>(room, state));
            }
        }
    }

    private void SendDue(RoomKey room, RoomState state, Entry entry)
    {
        lock (state)
        {
            entry.Timer?.Dispose();
            entry.Timer = null;
            if (entry.Connections == 0)
            {
                return; // the user left: the departure was sent instead.
            }

            entry.LastSent = time.GetTimestamp();
            entry.Tail = SendAfterAsync(entry.Tail, room, entry.LastConnection, entry.Participant);
        }
    }

    /// <summary>
    /// Sends after the user's previous broadcast has gone, so a user's broadcasts arrive in the order
    /// their states were recorded. To everyone in the room but the connection that caused it.
    /// </summary>
    private async Task SendAfterAsync(Task previous, RoomKey room, string? exceptConnectionId, RoomParticipant participant, bool sendHere = true)
    {
        await previous;
        if (sendHere)
        {
            await SendHereAsync(room, exceptConnectionId, participant);
        }

        await RelayAsync(new PresenceRelayMessage(room.TenantId, room.RoomId, ReplicaId, Interlocked.Increment(ref sequence), participant), CancellationToken.None);
    }

    private async Task SendHereAsync(RoomKey room, string? exceptConnectionId, RoomParticipant participant)
    {
        try
        {
            await broadcast.PresenceAsync(room, exceptConnectionId, participant, CancellationToken.None);
        }
#pragma warning disable CA1031 // presence is best effort: a failed send must not stop the next one.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPresenceFailed(logger, exception);
        }
    }

    private async Task RelayAsync(PresenceRelayMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await relay.PublishAsync(message, cancellationToken);
        }
#pragma warning disable CA1031 // as above: the other replicas catch up at the next refresh.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogRelayFailed(logger, exception);
        }
    }

    /// <summary>
    /// A participant relayed by another replica: remembered (so <see cref="Joined"/> lists it) and
    /// forwarded to this replica's connections in the room. Own messages and messages older than one
    /// already seen for the participant are ignored; a refresh of a known participant changes nothing
    /// the clients see.
    /// </summary>
    public async Task ReceivedAsync(PresenceRelayMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ReplicaId == ReplicaId)
        {
            return;
        }

        var participant = message.Participant;
        bool wasLive;
        lock (remoteLock)
        {
            if (!remote.TryGetValue(message.Room, out var entries))
            {
                entries = [];
                remote[message.Room] = entries;
            }

            var key = (message.ReplicaId, participant.UserId);
            if (entries.TryGetValue(key, out var known) && known.Sequence >= message.Sequence)
            {
                return;
            }

            wasLive = known is { Participant.Left: false };
            entries[key] = new RemoteEntry(participant, message.Sequence, time.GetTimestamp());
        }

        if (participant.Left)
        {
            // Forget the departure's tombstone at expiry; tell the clients unless the user is still here.
            if (wasLive && !HereOrLiveElsewhere(message.Room, participant.UserId, message.ReplicaId))
            {
                await SendHereAsync(message.Room, null, participant);
            }
        }
        else if (!(message.Refresh && wasLive))
        {
            await SendHereAsync(message.Room, null, participant);
        }
    }

    /// <summary>
    /// Every <see cref="PresenceOptions.RefreshInterval"/> under a sidecar: re-announces this replica's
    /// participants to the others, and forgets other replicas' participants not heard of for three
    /// intervals (their replica is gone), telling this replica's connections they left.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var announcements = new List<PresenceRelayMessage>();
        foreach (var (room, state) in rooms)
        {
            lock (state)
            {
                announcements.AddRange(state.Users.Values.Select(e =>
                    new PresenceRelayMessage(room.TenantId, room.RoomId, ReplicaId, Interlocked.Increment(ref sequence), e.Participant, Refresh: true)));
            }
        }

        var expired = new List<(RoomKey Room, string Replica, RoomParticipant Participant)>();
        var maxAge = options.Value.RefreshInterval * 3;
        var now = time.GetTimestamp();
        lock (remoteLock)
        {
            foreach (var (room, entries) in remote)
            {
                foreach (var (key, entry) in entries.Where(e => time.GetElapsedTime(e.Value.Seen, now) > maxAge).ToList())
                {
                    entries.Remove(key);
                    if (!entry.Participant.Left)
                    {
                        expired.Add((room, key.Replica, entry.Participant));
                    }
                }

                if (entries.Count == 0)
                {
                    remote.Remove(room);
                }
            }
        }

        foreach (var (room, replica, participant) in expired)
        {
            if (!HereOrLiveElsewhere(room, participant.UserId, replica))
            {
                await SendHereAsync(room, null, participant with { Presence = null, Left = true });
            }
        }

        foreach (var announcement in announcements)
        {
            await RelayAsync(announcement, cancellationToken);
        }
    }

    /// <summary>This replica's participants, then other replicas' not also here (under the room's lock).</summary>
    private List<RoomParticipant> Everyone(RoomKey room, RoomState state)
    {
        var everyone = state.Users.Values.Select(e => e.Participant).ToList();
        lock (remoteLock)
        {
            if (remote.TryGetValue(room, out var entries))
            {
                everyone.AddRange(entries.Values
                    .Where(e => !e.Participant.Left && !state.Users.ContainsKey(e.Participant.UserId))
                    .Select(e => e.Participant)
                    .DistinctBy(p => p.UserId));
            }
        }

        return everyone;
    }

    private bool LiveElsewhere(RoomKey room, Guid userId, string? exceptReplica)
    {
        lock (remoteLock)
        {
            return remote.TryGetValue(room, out var entries) &&
                entries.Any(e => e.Key.User == userId && e.Key.Replica != exceptReplica && !e.Value.Participant.Left);
        }
    }

    private bool HereOrLiveElsewhere(RoomKey room, Guid userId, string exceptReplica)
    {
        if (rooms.TryGetValue(room, out var state))
        {
            lock (state)
            {
                if (state.Users.ContainsKey(userId))
                {
                    return true;
                }
            }
        }

        return LiveElsewhere(room, userId, exceptReplica);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence broadcast could not be sent")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence message could not be relayed to the other replicas")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    private sealed record RemoteEntry(RoomParticipant Participant, long Sequence, long Seen);

    private sealed class RoomState
    {
        public Dictionary<string, Guid> Connections { get; } = new(StringComparer.Ordinal);

        public Dictionary<Guid, Entry> Users { get; } = [];
    }

    private sealed class Entry(RoomParticipant participant)
    {
        public RoomParticipant Participant { get; set; } = participant;

        public int Connections { get; set; }

        public long? LastSent { get; set; }

        public string? LastConnection { get; set; }

        public ITimer? Timer { get; set; }

        public Task Tail { get; set; } = Task.CompletedTask;
    }
}
