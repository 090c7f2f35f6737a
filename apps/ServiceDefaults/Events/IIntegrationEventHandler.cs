using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>Handles one kind of integration event. Delivery is at least once: be idempotent (use <c>EventId</c>).</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
