namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>Publishes an accepted operation to every dojo replica (Dapr pub/sub in <see cref="DaprRoomOperationPublisher"/>).</summary>
public interface IRoomOperationPublisher
{
    Task PublishAsync(RoomOperationMessage message, CancellationToken cancellationToken);
}
