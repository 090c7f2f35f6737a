using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Events;
using PocTracker.ServiceDefaults.Sidecar;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Events;

public static class EventBusSetup
{
    internal static IServiceCollection AddEventBus(this IServiceCollection services, IConfiguration configuration)
    {
        var dapr = DaprSettings.From(configuration);
        services.AddSingleton(dapr);
        services.AddStartupCheck<SidecarTokenCheck>();
        if (dapr.SidecarConfigured)
        {
            services.AddDaprClient();
            services.AddSingleton<IEventBus, DaprEventBus>();
        }
        else
        {
            services.AddSingleton<IEventBus, InProcessEventBus>();
        }

        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>, in both run modes.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        services.AddSingleton(new EventSubscription(typeof(TEvent)));
        services.AddRequiredDaprComponent(sp => RequiredDaprComponent.PubSub(sp.GetRequiredService<DaprSettings>().PubSubName, "the integration events it consumes"));
        return services;
    }

    /// <summary>
    /// Declares that the app publishes <typeparamref name="TEvent"/> (through its outbox): under Dapr it then needs
    /// the pub/sub component, and its outbox relay publishes only the events declared so.
    /// </summary>
    public static IServiceCollection AddIntegrationEventPublisher<TEvent>(this IServiceCollection services)
        where TEvent : IntegrationEvent
    {
        services.AddSingleton(new EventPublication(typeof(TEvent)));
        services.AddRequiredDaprComponent(sp => RequiredDaprComponent.PubSub(sp.GetRequiredService<DaprSettings>().PubSubName, "the integration events it publishes"));
        return services;
    }

    /// <summary>
    /// Under Dapr, maps one endpoint per subscribed topic (<c>POST /events/{topic}</c>) that Dapr
    /// calls with the CloudEvent, and the subscription list Dapr reads at start-up.
    /// </summary>
    internal static void MapIntegrationEventSubscriptions(this WebApplication app)
    {
        var dapr = app.Services.GetRequiredService<DaprSettings>();
        if (!dapr.SidecarConfigured)
        {
            return;
        }

        var eventTypes = app.Services.GetServices<EventSubscription>().Select(s => s.EventType).Distinct();
        foreach (var eventType in eventTypes)
        {
            var topic = eventType.Name;
            app.MapPost($"/events/{topic}", async (HttpContext context, CancellationToken cancellationToken) =>
                {
                    if (!FromSidecar(context, dapr))
                    {
                        return Results.Unauthorized();
                    }

                    var integrationEvent = (IntegrationEvent?)await JsonSerializer.DeserializeAsync(
                        context.Request.Body, eventType, JsonSerializerOptions.Web, cancellationToken);
                    if (integrationEvent is null)
                    {
                        return Results.BadRequest();
                    }

                    await IntegrationEventDispatch.DispatchAsync(context.RequestServices, integrationEvent, cancellationToken);
                    return Results.Ok();
                })
                .WithMetadata(new TopicAttribute(dapr.PubSubName, topic))
                .ExcludeFromDescription();
        }

        app.MapSubscribeHandler();
    }

    /// <summary>
    /// Only the sidecar may call the sidecar-only routes (event deliveries, actor calls): a call is
    /// believed when its <c>dapr-api-token</c> header equals APP_API_TOKEN. Without APP_API_TOKEN
    /// nothing is believed (and <see cref="SidecarTokenCheck"/> keeps such an app from starting).
    /// </summary>
    public static bool FromSidecar(HttpContext context, DaprSettings dapr)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dapr);
        return !string.IsNullOrEmpty(dapr.AppApiToken) &&
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(context.Request.Headers["dapr-api-token"].ToString()),
                System.Text.Encoding.UTF8.GetBytes(dapr.AppApiToken));
    }
}
