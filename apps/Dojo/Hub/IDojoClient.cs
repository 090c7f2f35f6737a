using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.Hub;

/// <summary>What the dojo hub sends to its clients (method names in <see cref="DojoHubNames"/>).</summary>
public interface IDojoClient
{
    /// <summary>The caller's operation <paramref name="seq"/> was stored and applied as <paramref name="revision"/>.</summary>
    Task Ack(Guid roomId, long seq, int revision);

    /// <summary>Other clients' operations, as the room applied them: consecutive revisions, oldest first.</summary>
    Task Operations(Guid roomId, IReadOnlyList<RoomOperation> operations);

    /// <summary>The caller was too far behind: start over from this document.</summary>
    Task Resync(Guid roomId, RoomSnapshot snapshot);

    /// <summary>Someone arrived, moved their cursor or selections, or left (<see cref="RoomParticipant.Left"/>); throttled per participant.</summary>
    Task Presence(Guid roomId, RoomParticipant participant);
}
