using Dapr.Client;
using Microsoft.Extensions.Options;
using PocTracker.Dojo.Presence;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>Relays presence on the dojo's own pub/sub component, beside the operations (the Dapr adapter of <see cref="IPresenceRelay"/>).</summary>
internal sealed class DaprPresenceRelay(DaprClient dapr, IOptions<DojoActorOptions> options) : IPresenceRelay
{
    public Task PublishAsync(PresenceRelayMessage message, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(options.Value.PubSubName, options.Value.PresenceTopic, message, cancellationToken);
}
