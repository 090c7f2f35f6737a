using Microsoft.AspNetCore.SignalR;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Hub;

/// <summary>
/// Sends a room's decisions and presence to this process's SignalR connections: one group per room. Each send is
/// awaited until SignalR has written the message to the connection, and the room host calls one at
/// a time, so a connection's messages leave in revision order.
/// </summary>
internal sealed class SignalRRoomBroadcast(IHubContext<DojoHub, IDojoClient> hub) : IRoomBroadcast
{
    public Task AddAsync(RoomKey room, string connectionId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, GroupOf(room), cancellationToken);

    public Task RemoveAsync(RoomKey room, string connectionId, CancellationToken cancellationToken) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(room), cancellationToken);

    public async Task AcceptedAsync(RoomKey room, string submitterConnectionId, StoredOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await hub.Clients.Client(submitterConnectionId).Ack(room.RoomId, operation.Seq, operation.Revision);
        await hub.Clients.GroupExcept(GroupOf(room), submitterConnectionId)
            .Operation(room.RoomId, operation.ClientId, operation.Revision, operation.Operation);
    }

    public Task AcknowledgeAsync(RoomKey room, string connectionId, long seq, int revision, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).Ack(room.RoomId, seq, revision);

    public Task ResyncAsync(RoomKey room, string connectionId, RoomSnapshot snapshot, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).Resync(room.RoomId, snapshot);

    public Task PresenceAsync(RoomKey room, string? exceptConnectionId, RoomParticipant participant, CancellationToken cancellationToken)
    {
        var group = GroupOf(room);
        var clients = exceptConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, exceptConnectionId);
        return clients.Presence(room.RoomId, participant);
    }

    /// <summary>Tenant and room: group names never collide across tenants.</summary>
    internal static string GroupOf(RoomKey room) => "dojo:" + room;
}
