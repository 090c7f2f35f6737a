using Dapr.Client;
using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>Publishes through the Dapr sidecar's pub/sub component; the topic is the event's type name.</summary>
internal sealed class DaprEventBus(DaprClient dapr, DaprSettings settings) : IEventBus
{
    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);

        // Published as object so the concrete type's fields all serialise, not just the base record's.
        return dapr.PublishEventAsync(settings.PubSubName, integrationEvent.GetType().Name, (object)integrationEvent, cancellationToken);
    }
}
