using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Hub;

/// <summary>
/// Sends a room's decisions and presence to this process's SignalR connections: one group per room.
/// Each message is handed to the connection's bounded <see cref="OutboundQueue{T}"/>
/// (<see cref="DojoHubLifetimeManager"/>), which writes it at once when the connection keeps up and
/// otherwise after the messages handed to it before; so the room host, calling one at a time, never
/// waits for a socket, and a connection's messages still leave in the order they were handed over
/// (revision order). A connection too far behind is closed by its queue, not waited for.
/// </summary>
internal sealed class SignalRRoomBroadcast(DojoHubLifetimeManager connections) : IRoomBroadcast
{
    public Task AddAsync(RoomKey room, string connectionId, CancellationToken cancellationToken) =>
        connections.AddToGroupAsync(connectionId, GroupOf(room), cancellationToken);

    public Task RemoveAsync(RoomKey room, string connectionId, CancellationToken cancellationToken) =>
        connections.RemoveFromGroupAsync(connectionId, GroupOf(room), cancellationToken);

    /// <summary>
    /// Each submitter's messages are handed over first (the others' operations before its own, its
    /// <c>Ack</c>, and so on): a submitter hears of its operation before anyone else does, as when
    /// every operation was sent alone. Then the room's other connections get all of
    /// <paramref name="accepted"/> in one message, serialised once for all of them (the same bytes
    /// are written to each connection, queued or not).
    /// </summary>
    public Task AcceptedAsync(RoomKey room, IReadOnlyList<AcceptedOperation> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Count == 0)
        {
            return Task.CompletedTask;
        }

        HashSet<string>? submitters = null;
        foreach (var (_, from) in accepted)
        {
            if (from.Length > 0 && (submitters ??= new(StringComparer.Ordinal)).Add(from))
            {
                SendToSubmitter(room, from, accepted);
            }
        }

        if (connections.MembersOf(GroupOf(room)) is not { } members)
        {
            return Task.CompletedTask;
        }

        SerializedHubMessage? operations = null;
        foreach (var (connectionId, queue) in members)
        {
            if (submitters is null || !submitters.Contains(connectionId))
            {
                queue.Send(operations ??= Message(DojoHubNames.Operations, room.RoomId, accepted.Select(a => ToWire(a.Operation)).ToList()));
            }
        }

        return Task.CompletedTask;
    }

    public Task AcknowledgeAsync(RoomKey room, string connectionId, long seq, int revision, CancellationToken cancellationToken)
    {
        connections.QueueOf(connectionId)?.Send(Message(DojoHubNames.Ack, room.RoomId, seq, revision));
        return Task.CompletedTask;
    }

    public Task ResyncAsync(RoomKey room, string connectionId, RoomSnapshot snapshot, CancellationToken cancellationToken)
    {
        connections.QueueOf(connectionId)?.Send(Message(DojoHubNames.Resync, room.RoomId, snapshot));
        return Task.CompletedTask;
    }

    public Task PresenceAsync(RoomKey room, string? exceptConnectionId, RoomParticipant participant, CancellationToken cancellationToken)
    {
        if (connections.MembersOf(GroupOf(room)) is not { } members)
        {
            return Task.CompletedTask;
        }

        SerializedHubMessage? presence = null;
        foreach (var (connectionId, queue) in members)
        {
            if (!string.Equals(connectionId, exceptConnectionId, StringComparison.Ordinal))
            {
                queue.Send(presence ??= Message(DojoHubNames.Presence, room.RoomId, participant));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Tenant and room: group names never collide across tenants.</summary>
    internal static string GroupOf(RoomKey room) => "dojo:" + room;

    /// <summary>One submitter's messages, in revision order: each run of others' operations as one <c>Operations</c>, each of its own as an <c>Ack</c>.</summary>
    private void SendToSubmitter(RoomKey room, string submitter, IReadOnlyList<AcceptedOperation> accepted)
    {
        if (connections.QueueOf(submitter) is not { } queue)
        {
            return; // gone: it catches up when it reconnects
        }

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
                queue.Send(Message(DojoHubNames.Operations, room.RoomId, others));
                others = [];
            }

            queue.Send(Message(DojoHubNames.Ack, room.RoomId, operation.Seq, operation.Revision));
        }

        if (others.Count > 0)
        {
            queue.Send(Message(DojoHubNames.Operations, room.RoomId, others));
        }
    }

    /// <summary>
    /// The invocation a typed <see cref="IDojoClient"/> call would send (its method name is the
    /// target), wrapped for serialising once: SignalR serialises it on its first write and reuses
    /// the bytes for every other connection it goes to.
    /// </summary>
    private static SerializedHubMessage Message(string target, params object?[] arguments) =>
        new(new InvocationMessage(target, arguments));

    private static RoomOperation ToWire(StoredOperation operation) =>
        new(operation.Revision, operation.ClientId, operation.Seq, operation.Operation);
}
