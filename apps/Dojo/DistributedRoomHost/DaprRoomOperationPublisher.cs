using Dapr.Client;
using Microsoft.Extensions.Options;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// Publishes accepted operations on the dojo's own pub/sub component (the Dapr adapter of
/// <see cref="IRoomOperationPublisher"/>): inline when small, by reference when the operation would
/// push the message past <see cref="DojoActorOptions.MaxInlineMessageBytes"/> (SNS/SQS's 256 KiB cap).
/// </summary>
internal sealed class DaprRoomOperationPublisher(DaprClient dapr, IOptions<DojoActorOptions> options) : IRoomOperationPublisher
{
    public Task PublishAsync(RoomOperationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return dapr.PublishEventAsync(options.Value.PubSubName, options.Value.Topic,
            message.ForPublishing(options.Value.MaxInlineMessageBytes), cancellationToken);
    }
}
