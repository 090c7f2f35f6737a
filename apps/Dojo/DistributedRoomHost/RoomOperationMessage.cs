using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// An accepted operation as published to every dojo replica (pub/sub topic <see cref="DojoActorOptions.Topic"/>):
/// inline, or by reference when the operation would make the message too big for the broker
/// (<see cref="ForPublishing"/>); a replica reads a referenced operation from the room's actor.
/// </summary>
/// <param name="TenantId">The room's tenant.</param>
/// <param name="RoomId">The room.</param>
/// <param name="Revision">The revision it produced: with the room, what identifies the operation.</param>
/// <param name="ClientId">The submitting client.</param>
/// <param name="Seq">The client's sequence number.</param>
/// <param name="Operation">The operation as the room applied it (transformed); null in a reference.</param>
/// <param name="SubmitterConnectionId">
/// The submitting connection: the replica holding it sends it the <c>Ack</c>; every other connection
/// gets the operation in <c>Operations</c>. SignalR connection ids are unique across replicas.
/// </param>
/// <param name="BaseRevision">The revision the client made the operation on (see <see cref="ReplicaRoomFeed"/> on resyncs).</param>
public sealed record RoomOperationMessage(
    Guid TenantId,
    Guid RoomId,
    int Revision,
    string ClientId,
    long Seq,
    TextOperation? Operation,
    string? SubmitterConnectionId,
    int BaseRevision)
{
    // Derived, so not on the wire (the operation would travel twice).
    [JsonIgnore]
    public RoomKey Room => new(TenantId, RoomId);

    /// <summary>Published without its operation: read revision <see cref="Revision"/> from the room.</summary>
    [JsonIgnore]
    public bool IsReference => Operation is null;

    /// <summary>The inline operation as the room stored it (not for a reference).</summary>
    [JsonIgnore]
    public StoredOperation Stored => new(Revision, ClientId, Seq,
        Operation ?? throw new InvalidOperationException("A reference carries no operation: read it from the room."));

    /// <summary>
    /// This message as it should go on the wire: itself when its JSON (what the sidecar is handed:
    /// <see cref="JsonSerializerOptions.Web"/>, DaprClient's defaults) is at most <paramref name="maxInlineBytes"/>,
    /// otherwise a reference without the operation. Bytes, not characters: the JSON escapes quotes,
    /// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and every non-ASCII character as six bytes each.
    /// </summary>
    public RoomOperationMessage ForPublishing(int maxInlineBytes) =>
        Operation is null || JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web).Length <= maxInlineBytes
            ? this
            : this with { Operation = null };
}
