using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// The calls a <see cref="DojoSession"/> makes to the room (the hub's client → server methods): the
/// seam between the session's OT bookkeeping and SignalR, so the bookkeeping is tested without a server.
/// </summary>
internal interface IDojoSessionTransport
{
    /// <summary>The hub connection's id while it is connected (a new one after every reconnect); null while it is down.</summary>
    string? ConnectionId { get; }

    Task<RoomJoined> JoinAsync(Guid roomId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(Guid roomId, int afterRevision, CancellationToken cancellationToken);

    Task SubmitAsync(Guid roomId, string clientId, long seq, int revision, TextOperation operation, CancellationToken cancellationToken);

    Task LeaveAsync(Guid roomId, CancellationToken cancellationToken);

    Task UpdatePresenceAsync(Guid roomId, ParticipantPresence presence, CancellationToken cancellationToken);
}
