using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>What a replica asks the room's single writer when pub/sub left it a gap, or brought an operation by reference.</summary>
public interface IRoomSource
{
    /// <summary>The accepted operations after <paramref name="revision"/>, or null when the room no longer keeps them.</summary>
    Task<IReadOnlyList<StoredOperation>?> OperationsSinceAsync(RoomKey room, int revision, CancellationToken cancellationToken);

    /// <summary>The accepted operations in <paramref name="range"/>, or null when the room no longer keeps them.</summary>
    Task<IReadOnlyList<StoredOperation>?> OperationsAsync(RoomKey room, RevisionRange range, CancellationToken cancellationToken);

    /// <summary>The document now.</summary>
    Task<RoomSnapshot> SnapshotAsync(RoomKey room, CancellationToken cancellationToken);
}
