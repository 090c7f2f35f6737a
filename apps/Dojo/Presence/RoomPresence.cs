using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Hub;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Presence;

/// <summary>
/// Who is in each room on this process and where their cursors are, and the throttled
/// <c>Presence</c> broadcasts. Presence is ephemeral: never stored, never ordered with operations
/// (it names the revision its offsets refer to). One entry per user, as <see cref="RoomParticipant"/>
/// is: a user's connections share it, and the user leaves when their last connection does.
/// </summary>
internal sealed partial class RoomPresence(
    IHubContext<DojoHub, IDojoClient> hub,
    IOptions<PresenceOptions> options,
    TimeProvider time,
    ILogger<RoomPresence> logger)
{
    private readonly ConcurrentDictionary<RoomKey, RoomState> rooms = new();

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
                return [.. state.Users.Values.Select(e => e.Participant)]; // joined twice on one connection
            }

            if (!state.Users.TryGetValue(participant.UserId, out var entry))
            {
                entry = new Entry(participant with { Presence = null, Left = false });
                state.Users[participant.UserId] = entry;
                entry.Tail = SendAfterAsync(entry.Tail, room, connectionId, entry.Participant);
            }

            entry.Connections++;
            return [.. state.Users.Values.Select(e => e.Participant)];
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
                // After any broadcast still in flight, so the departure is the last word.
                entry.Tail = SendAfterAsync(entry.Tail, room, connectionId, entry.Participant with { Presence = null, Left = true });
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
    private async Task SendAfterAsync(Task previous, RoomKey room, string? exceptConnectionId, RoomParticipant participant)
    {
        await previous;
        try
        {
            var group = SignalRRoomBroadcast.GroupOf(room);
            var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
            await clients.Presence(room.RoomId, participant);
        }
#pragma warning disable CA1031 // presence is best effort: a failed send must not stop the next one.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPresenceFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence broadcast could not be sent")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception);

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
