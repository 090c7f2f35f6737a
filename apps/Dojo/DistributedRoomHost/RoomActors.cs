using Dapr.Actors;
using Dapr.Actors.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// Reaches a room's actor through the sidecar (the Dapr adapter behind <see cref="ActorRoomHost"/> and
/// <see cref="IRoomSource"/>). Proxies use JSON, as the actor runtime does (<see cref="DojoActorsSetup"/>).
/// </summary>
internal sealed class RoomActors(IActorProxyFactory proxies) : IRoomSource
{
    /// <summary>
    /// The actor type name Dapr knows the room actor by. A literal, not <c>nameof</c>: Dapr keys the
    /// actor's state (<c>dojo||DojoRoomActor||{tenant}:{room}||meta</c>) and its placement by it, so
    /// renaming the class must not rename the type, or every room's stored state would be lost.
    /// </summary>
    public const string ActorType = "DojoRoomActor";

    private static readonly ActorProxyOptions ProxyOptions = new() { UseJsonSerialization = true };

    public IDojoRoomActor For(RoomKey room) =>
        proxies.CreateActorProxy<IDojoRoomActor>(new ActorId(room.ToString()), ActorType, ProxyOptions);

    public Task<IReadOnlyList<StoredOperation>?> OperationsSinceAsync(RoomKey room, int revision, CancellationToken cancellationToken) =>
        For(room).GetOperationsSinceAsync(revision);

    public Task<IReadOnlyList<StoredOperation>?> OperationsAsync(RoomKey room, RevisionRange range, CancellationToken cancellationToken) =>
        For(room).GetOperationsAsync(range);

    public Task<RoomSnapshot> SnapshotAsync(RoomKey room, CancellationToken cancellationToken) =>
        For(room).GetSnapshotAsync();
}
