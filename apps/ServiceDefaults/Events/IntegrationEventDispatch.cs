using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>
/// Calls the subscription handlers of an event. Both delivery paths (the in-process bus and Dapr's
/// topic endpoints) end here, so a handler behaves the same in Standalone and under Dapr.
/// </summary>
internal static class IntegrationEventDispatch
{
    public static async Task DispatchAsync(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(integrationEvent.GetType());
        var handle = handlerType.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
        {
            await (Task)handle.Invoke(handler, [integrationEvent, cancellationToken])!;
        }
    }
}

/// <summary>One subscribed event type (registered by <c>AddIntegrationEventHandler</c>).</summary>
internal sealed record EventSubscription(Type EventType);

/// <summary>One event type the app publishes (declared by <c>AddIntegrationEventPublisher</c>).</summary>
internal sealed record EventPublication(Type EventType);
