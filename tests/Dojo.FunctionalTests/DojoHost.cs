using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using PocTracker.Contracts.Dojo;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// The dojo app exactly as its Program builds it (the in-process room host), over a given database.
/// Small compaction settings and caps so snapshots, trimming, resyncs and refusals happen within a
/// few dozen operations. Disposing it and starting another on the same database is a restart.
/// </summary>
/// <param name="settings">Configuration set after the defaults above, for a test that needs other caps.</param>
public sealed class DojoHost(
    AppDatabaseConnections database,
    int retainedOperations = DojoHost.RetainedOperations,
    Uri? pocsAddress = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<DojoEntryPoint>
{
    public const int SnapshotEvery = 16;
    public const int RetainedOperations = 24;
    public const int MaxDocumentLength = 20_000;
    public const int MaxInsertLength = 4_000;

    /// <summary>Long enough that a burst of presence updates surely falls inside one interval, even on a loaded machine.</summary>
    public const int PresenceIntervalMilliseconds = 500;

    public AppDatabaseConnections Database { get; } = database;

    /// <summary>Every request to the hub's paths, as "METHOD /path" (with "websocket" for an upgrade), in arrival order.</summary>
    public ConcurrentQueue<string> HubRequests { get; } = new();

    /// <summary>
    /// Starts the app on a real loopback port (Kestrel) instead of the in-memory test server, for
    /// tests of what the HTTP server itself does (request body limits, long polling, WebSockets over
    /// TCP); returns its address. Call before anything else starts the host.
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(DojoModule.AppId, Database).TrustTestTokens(DojoModule.AppId);
        builder.UseSetting("Dojo:Rooms:SnapshotEvery", SnapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Dojo:Rooms:RetainedOperations", retainedOperations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Dojo:Rooms:MaxDocumentLength", MaxDocumentLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Dojo:Rooms:MaxInsertLength", MaxInsertLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (pocsAddress is not null)
        {
            builder.UseSetting("Invocation:pocs:BaseAddress", pocsAddress.ToString());
        }

        builder.UseSetting("Dojo:Presence:IntervalMilliseconds", PresenceIntervalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new HubRequestRecorder(HubRequests)));
    }

    /// <summary>Records hub requests before the app's own pipeline (and its WebSockets middleware) sees them.</summary>
    private sealed class HubRequestRecorder(ConcurrentQueue<string> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments(DojoHubNames.Path, StringComparison.Ordinal))
                {
                    requests.Enqueue($"{context.Request.Method} {context.Request.Path}{(string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase) ? " websocket" : "")}");
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public static string TokenFor(TestUser user, string? name = null) => TestTokens.For(user, audience: DojoModule.AppId, name: name);

    /// <summary>An HTTP client acting as <paramref name="user"/> (a dojo token unless one is given).</summary>
    public HttpClient ClientFor(TestUser user, string? token = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? TokenFor(user));
        return client;
    }

    /// <summary>Opens a room as <paramref name="user"/> and returns its id.</summary>
    public async Task<Guid> CreateRoomAsync(TestUser user, string name = "Kata", Guid? pocId = null)
    {
        using var client = ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest(name, "csharp", pocId), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomDto>(TestContext.Current.CancellationToken))!.Id;
    }

    /// <summary>
    /// A started hub connection over the test server's WebSockets, with the token in the query
    /// string as browsers send it (no negotiate request, so no Authorization header at all).
    /// </summary>
    public async Task<HubConnection> ConnectAsync(string? token, Action<IHubConnectionBuilder>? configure = null)
    {
        var server = Server;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, DojoHubNames.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var uri = token is null ? context.Uri : new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
                    return await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                };
            });
        configure?.Invoke(builder);
        var connection = builder.Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
