using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.RoomHost;

/// <summary>
/// Where rooms live: the port between the hub and the rooms. <see cref="InProcessRoomHost"/> keeps
/// them in this process (Standalone); a Dapr actor per room (<c>DojoRoomActor</c>, id =
/// <see cref="RoomKey"/>) implements the same calls in the distributed mode. Either way one writer
/// per room runs <see cref="DojoRoom"/>, stores every accepted operation before acknowledging it,
/// and hands what connections must receive to <see cref="IRoomBroadcast"/> in revision order.
/// </summary>
public interface IRoomHost
{
    /// <summary>
    /// Adds a connection to the room and returns the document it starts from: every operation
    /// accepted after it reaches the connection. Who is behind the connection is presence's
    /// business (<c>RoomPresence</c>), not the room's.
    /// </summary>
    /// <exception cref="RoomRefusedException">No such open room in the user's tenant.</exception>
    Task<RoomSnapshot> JoinAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Takes a connection out of the room (also when it drops).</summary>
    Task LeaveAsync(TenantUser user, Guid roomId, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Decides, stores and applies one operation; the acknowledgement, the broadcast or a resync
    /// are handed to <see cref="IRoomBroadcast"/> (each connection's outbound queue) before this returns.
    /// </summary>
    /// <exception cref="RoomRefusedException">Bad input, or the room is gone: nothing changed.</exception>
    Task SubmitAsync(TenantUser user, Guid roomId, RoomSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> accepted operations after <paramref name="afterRevision"/>,
    /// oldest first, for a client catching up after a reconnect. In process they come from
    /// <c>room_operations</c>; under Dapr from the actor's retained log, which may start later than
    /// asked (a gap: the client starts over from the room's text).
    /// </summary>
    Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(TenantUser user, Guid roomId, int afterRevision, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SubmitAsync"/>, for a whole-text client: its text becomes an operation on the
    /// document at the submission's revision (<see cref="DojoRoom.DecideText"/>), under the room's writer.
    /// </summary>
    /// <exception cref="RoomRefusedException">Bad input, or the room is gone: nothing changed.</exception>
    Task SubmitTextAsync(TenantUser user, Guid roomId, RoomTextSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// The room's document as it stands (every acknowledged edit), open or closed, without joining it.
    /// </summary>
    /// <exception cref="RoomRefusedException">No such room in the user's tenant.</exception>
    Task<RoomSnapshot> SnapshotAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken);

    /// <summary>The room was closed: stop accepting its operations.</summary>
    Task ClosedAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken);
}
