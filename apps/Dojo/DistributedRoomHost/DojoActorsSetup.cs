using System.Text.Json;
using Dapr;
using Microsoft.Extensions.Options;
using PocTracker.Dojo.Presence;
using PocTracker.Dojo.RoomHost;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// The dojo under a Dapr sidecar: rooms as actors, accepted operations fanned out to every replica
/// through the dojo's pub/sub component. Chosen by <see cref="DojoModule"/> when a sidecar is
/// configured (<see cref="DaprSettings"/>), never otherwise: Dapr's clients hang without one.
/// </summary>
public static class DojoActorsSetup
{
    /// <summary>Where the sidecar delivers the fan-out topic (each replica subscribes with the same route).</summary>
    public const string FanOutRoute = "/dojo/fan-out";

    /// <summary>Where the sidecar delivers the presence topic.</summary>
    public const string PresenceRoute = "/dojo/presence";

    public static IServiceCollection AddDojoActors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DojoActorOptions>()
            .Bind(configuration.GetSection(DojoActorOptions.SectionName))
            .Validate(o => o.GapTimeout > TimeSpan.Zero && !string.IsNullOrEmpty(o.PubSubName) && !string.IsNullOrEmpty(o.Topic) && !string.IsNullOrEmpty(o.PresenceTopic),
                "Dojo:Actors needs a positive GapTimeout, a PubSubName, a Topic and a PresenceTopic.")
            .Validate(o => o.MaxInlineMessageBytes is >= DojoActorOptions.LowestMaxInlineMessageBytes and <= DojoActorOptions.HighestMaxInlineMessageBytes,
                $"Dojo:Actors:MaxInlineMessageBytes must be between {DojoActorOptions.LowestMaxInlineMessageBytes} and {DojoActorOptions.HighestMaxInlineMessageBytes} (SNS/SQS caps a message at 256 KiB after its envelopes).")
            .ValidateOnStart();
        services.AddSingleton<RoomActors>();
        services.AddSingleton<IRoomSource>(provider => provider.GetRequiredService<RoomActors>());
        services.AddSingleton<ReplicaRoomFeed>();
        services.AddSingleton<IRoomOperationPublisher, DaprRoomOperationPublisher>();
        // Presence crosses replicas too (registered before PresenceSetup's local default).
        services.AddSingleton<IPresenceRelay, DaprPresenceRelay>();
        services.AddHostedService<PresenceRefresher>();
        services.AddSingleton<IRoomHost, ActorRoomHost>();
        services.AddRequiredDaprComponent(RequiredDaprComponent.ActorStateStore("the dojo's room actors"));
        services.AddRequiredDaprComponent(sp => RequiredDaprComponent.PubSub(
            sp.GetRequiredService<IOptions<DojoActorOptions>>().Value.PubSubName, "the dojo's fan-out of operations and presence to every replica"));
        services.AddActors(options =>
        {
            options.Actors.RegisterActor<DojoRoomActor>(RoomActors.ActorType);
            // Actor calls carry records (operations in ot.js JSON), not data contracts.
            options.UseJsonSerialization = true;
        });
        return services;
    }

    /// <summary>The actor endpoints the sidecar calls, and the fan-out subscription.</summary>
    public static IEndpointRouteBuilder MapDojoActors(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DojoActorOptions>>().Value;
        // The actor endpoints run room operations with no user token: only the sidecar may call them
        // (APP_API_TOKEN, without which an app under a sidecar does not start), like the event routes.
        var dapr = endpoints.ServiceProvider.GetRequiredService<DaprSettings>();
        endpoints.MapActorsHandlers().Add(endpoint =>
        {
            var handler = endpoint.RequestDelegate;
            endpoint.RequestDelegate = context =>
            {
                if (!EventBusSetup.FromSidecar(context, dapr))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return handler!(context);
            };
        });
        // Listed by the app's /dapr/subscribe (ServiceDefaults maps it under a sidecar).
        endpoints.MapPost(FanOutRoute, ReceiveAsync)
            .WithMetadata(new TopicAttribute(options.PubSubName, options.Topic))
            .ExcludeFromDescription();
        endpoints.MapPost(PresenceRoute, ReceivePresenceAsync)
            .WithMetadata(new TopicAttribute(options.PubSubName, options.PresenceTopic))
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// One accepted operation from pub/sub (the CloudEvent's data, unwrapped by the cloud-events
    /// middleware), inline or by reference. Buffered or forwarded here, then acknowledged to Dapr; a
    /// message that can never be read is dropped rather than retried.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpContext context, ReplicaRoomFeed feed, DaprSettings dapr, CancellationToken cancellationToken)
    {
        if (!EventBusSetup.FromSidecar(context, dapr))
        {
            return Results.Unauthorized();
        }

        RoomOperationMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<RoomOperationMessage>(context.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is not { Revision: > 0, ClientId: not null })
        {
            return Results.Ok(new DaprDelivery("DROP"));
        }

        if (message.IsReference)
        {
            // Read from the room's actor here; a failed read becomes a gap the feed fills or resyncs
            // (not a RETRY: the feed, not the broker's redelivery, owns the order of what this replica forwards).
            await feed.OfferByReferenceAsync(message.Room, message.Revision, message.SubmitterConnectionId, message.BaseRevision);
        }
        else
        {
            await feed.OfferAsync(message.Room, message.Stored, message.SubmitterConnectionId, message.BaseRevision);
        }
        return Results.Ok(new DaprDelivery("SUCCESS"));
    }

    /// <summary>Another replica's presence (or this one's, coming back: ignored by <see cref="RoomPresence"/>).</summary>
    private static async Task<IResult> ReceivePresenceAsync(HttpContext context, RoomPresence presence, DaprSettings dapr, CancellationToken cancellationToken)
    {
        if (!EventBusSetup.FromSidecar(context, dapr))
        {
            return Results.Unauthorized();
        }

        PresenceRelayMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<PresenceRelayMessage>(context.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is not { ReplicaId.Length: > 0, Participant: not null })
        {
            return Results.Ok(new DaprDelivery("DROP"));
        }

        await presence.ReceivedAsync(message);
        return Results.Ok(new DaprDelivery("SUCCESS"));
    }

    /// <summary>Dapr's programmatic-subscription answer: SUCCESS, RETRY or DROP.</summary>
    private sealed record DaprDelivery(string Status);
}
