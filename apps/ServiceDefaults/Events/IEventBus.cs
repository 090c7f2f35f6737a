using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>
/// Publishes integration events to their subscribers. Under a Dapr sidecar this is Dapr pub/sub
/// (topic = the event's type name); in Standalone the same handlers are called in process.
/// App code does not call it directly: it writes events to the outbox in its transaction
/// (<c>TenantTransaction.PublishAfterCommitAsync</c>) and the outbox relay publishes them.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
