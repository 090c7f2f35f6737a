using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using PocTracker.Contracts.Apps;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.Flood;
using PocTracker.Dojo.Hub;
using PocTracker.Dojo.Presence;
using PocTracker.Dojo.RoomHost;
using PocTracker.Dojo.Rooms;
using PocTracker.Dojo.SaveToPoc;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Invocation;

namespace PocTracker.Dojo;

/// <summary>The dojo app as a module: rooms under <c>/api/dojo</c> and the realtime hub at <c>/hubs/dojo</c>.</summary>
public static class DojoModule
{
    /// <summary>App id, audience, and the name of its database.</summary>
    public const string AppId = AppIds.Dojo;

    /// <summary>
    /// The largest hub message: a whole text at the document cap (1 Mi code units, up to 3 UTF-8
    /// bytes each, plus JSON escapes). A bigger message closes that connection only, as soon as its
    /// frames pass the cap (SignalR's rule); the default of 32 KB would refuse a paste.
    /// </summary>
    private const long MaxHubMessageBytes = 4 * 1024 * 1024;

    public static IHostApplicationBuilder AddDojo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAppDatabase(AppId, typeof(DojoModule).Assembly);
        var services = builder.Services;
        services.AddOptions<DojoRoomOptions>()
            .Bind(builder.Configuration.GetSection(DojoRoomOptions.SectionName))
            .Validate(o => o.SnapshotEvery > 0 && o.RetainedOperations >= 0 && o.MaxDocumentLength > 0 && o.MaxInsertLength > 0 && o.MaxComponents > 0 && o.MaxOutboundQueueBytes > 0,
                "Dojo:Rooms needs positive SnapshotEvery, caps and MaxOutboundQueueBytes, and RetainedOperations of 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<DojoMetrics>();
        services.AddSingleton<RoomStorage>();
        // The hub's lifetime manager is SignalR's default one plus a bounded outbound queue per
        // connection, which the room broadcast writes to (a closed type wins over AddSignalR's open one).
        services.AddSingleton<DojoHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<DojoHub>>(provider => provider.GetRequiredService<DojoHubLifetimeManager>());
        services.AddSingleton<IRoomBroadcast, SignalRRoomBroadcast>();
        // Under a sidecar (the same rule as the event bus) rooms are Dapr actors; otherwise in process.
        if (DaprSettings.From(builder.Configuration).SidecarConfigured)
        {
            services.AddDojoActors(builder.Configuration);
        }
        else
        {
            services.AddSingleton<IRoomHost, InProcessRoomHost>();
        }

        services.AddDojoPresenceAndLimits(builder.Configuration);
        // Save-to-POC writes through the pocs app's API, never its database (database per service).
        services.AddAppClient<PocsClient>(AppIds.Pocs);
        services.AddSignalR().AddHubOptions<DojoHub>(options =>
        {
            options.MaximumReceiveMessageSize = MaxHubMessageBytes;
            options.AddFilter<HubCallLimiter>();
        });
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, AcceptHubTokenFromQuery);
        return builder;
    }

    public static IEndpointRouteBuilder MapDojo(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/dojo/rooms")
            .WithTags("Dojo")
            .RequireTenantUser(AppId);
        api.MapCreateRoom();
        api.MapListRooms();
        api.MapGetRoom();
        api.MapCloseRoom();
        api.MapSaveRoomToPoc();
        endpoints.MapHub<DojoHub>(DojoHubNames.Path, ConfigureHubTransport)
            .RequireTenantUser(AppId)
            .WithProblemAnswers();
        if (endpoints.ServiceProvider.GetService<DaprSettings>() is { SidecarConfigured: true })
        {
            endpoints.MapDojoActors();
        }

        return endpoints;
    }

    /// <summary>
    /// WebSockets only: every client we make (the SDK, the browser app) uses them, and there the hub's
    /// message cap is enforced frame by frame as a message arrives. Long polling and server-sent
    /// events would carry client messages as HTTP posts copied into the connection, where an oversized
    /// one stalls until the connection is cleaned up instead of being refused (a 5 MB post hung 15 s),
    /// and would need sticky sessions across replicas. And a connection lives no longer than its access
    /// token: when the token expires the server closes it (allowing a reconnect), so a client must come
    /// back with a fresh token — a deactivated member, whose refresh is refused, is out within the
    /// token's lifetime. docs/dojo.md, "Transport, message size and token expiry".
    /// </summary>
    private static void ConfigureHubTransport(HttpConnectionDispatcherOptions options)
    {
        options.Transports = HttpTransportType.WebSockets;
        options.CloseOnAuthenticationExpiration = true;
    }

    /// <summary>
    /// Browsers cannot set headers on WebSockets, so SignalR clients send the
    /// access token as <c>access_token</c> in the query string. Accepted for the dojo hub's path only:
    /// every other route keeps taking tokens from the Authorization header alone.
    /// </summary>
    private static void AcceptHubTokenFromQuery(JwtBearerOptions bearer)
    {
        bearer.Events ??= new JwtBearerEvents();
        var previous = bearer.Events.OnMessageReceived;
        bearer.Events.OnMessageReceived = async context =>
        {
            await previous(context);
            if (context.Token is null &&
                context.Request.Path.StartsWithSegments(DojoHubNames.Path, StringComparison.OrdinalIgnoreCase) &&
                context.Request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token))
            {
                context.Token = token;
            }
        };
    }
}
