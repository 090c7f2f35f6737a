using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>Standalone's event bus: delivers to this process's subscription handlers directly.</summary>
internal sealed class InProcessEventBus(IServiceProvider services) : IEventBus
{
    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        IntegrationEventDispatch.DispatchAsync(services, integrationEvent, cancellationToken);
}
