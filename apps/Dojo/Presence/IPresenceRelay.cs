namespace PocTracker.Dojo.Presence;

/// <summary>
/// Carries this replica's presence broadcasts to the other dojo replicas, so a participant on one
/// replica is seen on all. <see cref="LocalPresenceRelay"/> when the process is the only one
/// (Standalone, no sidecar); Dapr pub/sub under a sidecar (<c>DistributedRoomHost/DaprPresenceRelay</c>).
/// </summary>
public interface IPresenceRelay
{
    Task PublishAsync(PresenceRelayMessage message, CancellationToken cancellationToken);
}

/// <summary>One process holds every connection: there is no one to relay to.</summary>
internal sealed class LocalPresenceRelay : IPresenceRelay
{
    public Task PublishAsync(PresenceRelayMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
