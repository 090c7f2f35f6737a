using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.RoomHost;

/// <summary>
/// How a room's decisions, and its presence, reach its connections. A room host calls it from the
/// room's single writer, one call at a time, awaiting each: so every connection receives the room's
/// operations and its own acknowledgements in revision order. A call returns once its messages are
/// handed to each connection's outbound queue, not when they are written: the writer never waits
/// for a slow socket, and a connection too far behind is closed instead (SignalR implementation:
/// <c>SignalRRoomBroadcast</c>). Presence (<c>RoomPresence</c>) is sent beside them, ordered per
/// participant only.
/// </summary>
public interface IRoomBroadcast
{
    /// <summary>The connection starts receiving the room's operations.</summary>
    Task AddAsync(RoomKey room, string connectionId, CancellationToken cancellationToken);

    /// <summary>The connection stops receiving the room's operations.</summary>
    Task RemoveAsync(RoomKey room, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Accepted operations, consecutive revisions in order: each submitter gets its <c>Ack</c> in its
    /// place, and every connection the others' operations, several to a message (<c>Operations</c>):
    /// one message for the whole run to a connection that submitted none of them. A room that decides
    /// a batch at a time so sends each connection one message per batch instead of one per operation.
    /// </summary>
    Task AcceptedAsync(RoomKey room, IReadOnlyList<AcceptedOperation> accepted, CancellationToken cancellationToken);

    /// <summary><c>Ack</c> again for a resubmitted operation, with its original revision.</summary>
    Task AcknowledgeAsync(RoomKey room, string connectionId, long seq, int revision, CancellationToken cancellationToken);

    /// <summary><c>Resync</c> to a connection too far behind the retained log.</summary>
    Task ResyncAsync(RoomKey room, string connectionId, RoomSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary><c>Presence</c> to everyone in the room but <paramref name="exceptConnectionId"/> (when given): someone arrived, moved or left.</summary>
    Task PresenceAsync(RoomKey room, string? exceptConnectionId, RoomParticipant participant, CancellationToken cancellationToken);
}
