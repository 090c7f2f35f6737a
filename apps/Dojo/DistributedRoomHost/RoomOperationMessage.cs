using System.Text.Json.Serialization;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// An accepted operation as published to every dojo replica (pub/sub topic <see cref="DojoActorOptions.Topic"/>).
/// </summary>
/// <param name="TenantId">The room's tenant.</param>
/// <param name="RoomId">The room.</param>
/// <param name="Revision">The revision it produced.</param>
/// <param name="ClientId">The submitting client.</param>
/// <param name="Seq">The client's sequence number.</param>
/// <param name="Operation">The operation as the room applied it (transformed).</param>
/// <param name="SubmitterConnectionId">
/// The submitting connection: the replica holding it sends it the <c>Ack</c>; every other connection
/// gets the <c>Operation</c>. SignalR connection ids are unique across replicas.
/// </param>
/// <param name="BaseRevision">The revision the client made the operation on (see <see cref="ReplicaRoomFeed"/> on resyncs).</param>
public sealed record RoomOperationMessage(
    Guid TenantId,
    Guid RoomId,
    int Revision,
    string ClientId,
    long Seq,
    TextOperation Operation,
    string? SubmitterConnectionId,
    int BaseRevision)
{
    // Derived, so not on the wire (the operation would travel twice).
    [JsonIgnore]
    public RoomKey Room => new(TenantId, RoomId);

    [JsonIgnore]
    public StoredOperation Stored => new(Revision, ClientId, Seq, Operation);
}
