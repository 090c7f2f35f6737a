using Dapr.Client;
using Microsoft.Extensions.Options;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>Publishes accepted operations on the dojo's own pub/sub component (the Dapr adapter of <see cref="IRoomOperationPublisher"/>).</summary>
internal sealed class DaprRoomOperationPublisher(DaprClient dapr, IOptions<DojoActorOptions> options) : IRoomOperationPublisher
{
    public Task PublishAsync(RoomOperationMessage message, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(options.Value.PubSubName, options.Value.Topic, message, cancellationToken);
}
