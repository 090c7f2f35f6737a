using System.Text.Json.Serialization;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Presence;

/// <summary>A participant's presence as one replica relays it to the others (see <see cref="IPresenceRelay"/>).</summary>
/// <param name="TenantId">The room's tenant.</param>
/// <param name="RoomId">The room.</param>
/// <param name="ReplicaId">The replica holding the participant's connections (a new id per process start).</param>
/// <param name="Sequence">
/// The replica's counter, increasing with every message it relays: pub/sub keeps no order, so an older
/// message arriving after a newer one for the same participant is dropped.
/// </param>
/// <param name="Participant">The participant as broadcast on its replica (<c>Left</c> for a departure).</param>
/// <param name="Refresh">
/// A periodic re-announcement of a participant still there (it keeps the entry alive on the other
/// replicas), not a change: forwarded to clients only by a replica that did not know it yet.
/// </param>
public sealed record PresenceRelayMessage(
    Guid TenantId,
    Guid RoomId,
    string ReplicaId,
    long Sequence,
    RoomParticipant Participant,
    bool Refresh = false)
{
    [JsonIgnore]
    public RoomKey Room => new(TenantId, RoomId);
}
