using Microsoft.AspNetCore.SignalR;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
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

    /// <summary>
    /// Each submitter first gets its own sequence (the others' operations before its own, its
    /// <c>Ack</c>, and so on): a submitter hears of its operation before anyone else does, as when
    /// every operation was sent alone. Then the room's other connections get all of
    /// <paramref name="accepted"/> in one message, serialised once for the group (SignalR writes the
    /// same bytes to each connection).
    /// </summary>
    public async Task AcceptedAsync(RoomKey room, IReadOnlyList<AcceptedOperation> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Count == 0)
        {
            return;
        }

        var submitters = accepted.Select(a => a.SubmitterConnectionId).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        await Task.WhenAll(submitters.Select(submitter => SendToSubmitterAsync(room, submitter, accepted)));
        await hub.Clients.GroupExcept(GroupOf(room), submitters).Operations(room.RoomId, [.. accepted.Select(a => ToWire(a.Operation))]);
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

    /// <summary>One submitter's messages, in revision order: each run of others' operations as one <c>Operations</c>, each of its own as an <c>Ack</c>.</summary>
    private async Task SendToSubmitterAsync(RoomKey room, string submitter, IReadOnlyList<AcceptedOperation> accepted)
    {
        var client = hub.Clients.Client(submitter);
        var others = new List<RoomOperation>();
        foreach (var (operation, from) in accepted)
        {
            if (!string.Equals(from, submitter, StringComparison.Ordinal))
            {
                others.Add(ToWire(operation));
                continue;
            }

            if (others.Count > 0)
            {
                await client.Operations(room.RoomId, others);
                others = [];
            }

            await client.Ack(room.RoomId, operation.Seq, operation.Revision);
        }

        if (others.Count > 0)
        {
            await client.Operations(room.RoomId, others);
        }
    }

    private static RoomOperation ToWire(StoredOperation operation) =>
        new(operation.Revision, operation.ClientId, operation.Seq, operation.Operation);
}
