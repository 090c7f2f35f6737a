using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Hub;

/// <summary>
/// SignalR's own in-memory lifetime manager for the dojo hub, which also gives each connection an
/// <see cref="OutboundQueue{T}"/> for the rooms' messages and keeps each group's queues
/// (<see cref="SignalRRoomBroadcast"/> writes to them): the default manager's group sends await
/// every connection's write, so one connection whose socket stops draining would hold up its whole
/// room. The groups are kept here alone: joins and leaves are not passed on to the default manager,
/// since nothing sends through SignalR's groups (a group send through it would reach no one). Everything
/// else (connections, invocation results, pings) stays the default manager's.
/// </summary>
internal sealed partial class DojoHubLifetimeManager(
    ILogger<DefaultHubLifetimeManager<DojoHub>> signalRLogger,
    ILogger<DojoHubLifetimeManager> logger,
    IOptions<DojoRoomOptions> options,
    DojoMetrics metrics) : DefaultHubLifetimeManager<DojoHub>(signalRLogger)
{
    private readonly ConcurrentDictionary<string, Outbound> connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, OutboundQueue<SerializedHubMessage>>> groups = new(StringComparer.Ordinal);

    /// <summary>Held while a group gains or loses a member, so an emptied group is never removed just as someone joins it. Sends read the groups without it.</summary>
    private readonly Lock membership = new();
    private readonly long maxQueuedBytes = options.Value.MaxOutboundQueueBytes;

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connections[connection.ConnectionId] = new Outbound(new OutboundQueue<SerializedHubMessage>(
            message => connection.WriteAsync(message, CancellationToken.None),
            message => message.GetSerializedMessage(connection.Protocol).Length,
            maxQueuedBytes,
            queuedBytes => Drop(connection, queuedBytes)));
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connections.TryRemove(connection.ConnectionId, out var outbound))
        {
            outbound.Queue.Close();
            lock (membership)
            {
                foreach (var group in outbound.Groups.Keys)
                {
                    RemoveLocked(connection.ConnectionId, group);
                }
            }
        }

        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        if (connections.TryGetValue(connectionId, out var outbound))
        {
            lock (membership)
            {
                outbound.Groups.TryAdd(groupName, 0);
                groups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))[connectionId] = outbound.Queue;
            }
        }

        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        if (connections.TryGetValue(connectionId, out var outbound))
        {
            lock (membership)
            {
                outbound.Groups.TryRemove(groupName, out _);
                RemoveLocked(connectionId, groupName);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The outbound queue of this process's connection <paramref name="connectionId"/>, or null if it is not (or no longer) connected here.</summary>
    public OutboundQueue<SerializedHubMessage>? QueueOf(string connectionId) =>
        connections.TryGetValue(connectionId, out var outbound) ? outbound.Queue : null;

    /// <summary>The queues of a group's connections on this process, by connection id (a live view: safe to enumerate while others join and leave), or null for a group without any.</summary>
    public IReadOnlyDictionary<string, OutboundQueue<SerializedHubMessage>>? MembersOf(string groupName) =>
        groups.GetValueOrDefault(groupName);

    private void RemoveLocked(string connectionId, string groupName)
    {
        if (groups.TryGetValue(groupName, out var members) && members.TryRemove(connectionId, out _) && members.IsEmpty)
        {
            groups.TryRemove(groupName, out _);
        }
    }

    /// <summary>
    /// Closes a connection whose queue passed the bound. Its client reconnects and catches up from
    /// its revision (or starts over from a <c>Resync</c>), as after any drop; the room never waited.
    /// </summary>
    private void Drop(HubConnectionContext connection, long queuedBytes)
    {
        LogDropped(logger, connection.ConnectionId, queuedBytes, maxQueuedBytes);
        metrics.ConnectionDropped();
        connection.Abort();
    }

    /// <summary>A connection's queue and the groups it is in (to leave them when it disconnects).</summary>
    private sealed record Outbound(OutboundQueue<SerializedHubMessage> Queue)
    {
        public ConcurrentDictionary<string, byte> Groups { get; } = new(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} dropped: {QueuedBytes} bytes waited for its socket, over the bound of {MaxQueuedBytes} (Dojo:Rooms:MaxOutboundQueueBytes)")]
    private static partial void LogDropped(ILogger logger, string connectionId, long queuedBytes, long maxQueuedBytes);
}
