using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.Presence;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.ActorTests;

/// <summary>
/// The dojo app as it runs beside a Dapr sidecar (<c>Dapr:Enabled</c>), over a real database, with
/// the two things only a sidecar could answer substituted: the actor proxies (every room is
/// <see cref="Actor"/>) and the publisher. Pub/sub deliveries are real HTTP posts of CloudEvents,
/// as the sidecar makes them.
/// </summary>
public sealed class DaprModeDojoHost(AppDatabaseConnections database) : WebApplicationFactory<DojoEntryPoint>
{
    public const string AppApiToken = "sidecar-secret-for-dojo-tests";

    public IActorProxyFactory Proxies { get; } = Substitute.For<IActorProxyFactory>();

    public IDojoRoomActor Actor { get; } = Substitute.For<IDojoRoomActor>();

    public IRoomOperationPublisher Publisher { get; } = Substitute.For<IRoomOperationPublisher>();

    public IPresenceRelay PresenceRelay { get; } = Substitute.For<IPresenceRelay>();

    /// <summary>The sidecar's metadata, with the components the dojo needs (its start-up check asks for them).</summary>
    public DaprClient Sidecar { get; } = SidecarWithComponents();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(DojoModule.AppId, database).TrustTestTokens(DojoModule.AppId);
        builder.UseSetting("Dapr:Enabled", "true");
        builder.UseSetting("APP_API_TOKEN", AppApiToken);
        // Gaps are not what these tests are about: pub/sub deliveries here come when the test posts them.
        builder.UseSetting("Dojo:Actors:GapTimeout", "01:00:00");
        Proxies.CreateActorProxy<IDojoRoomActor>(Arg.Any<ActorId>(), Arg.Any<string>(), Arg.Any<ActorProxyOptions>()).Returns(Actor);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Proxies);
            services.AddSingleton(Publisher);
            services.AddSingleton(PresenceRelay);
            services.AddSingleton(Sidecar);
        });
    }

    private static DaprClient SidecarWithComponents()
    {
        var sidecar = Substitute.For<DaprClient>();
        sidecar.GetMetadataAsync(Arg.Any<CancellationToken>()).Returns(new DaprMetadata(DojoModule.AppId, [], new Dictionary<string, string>(),
        [
            new DaprComponentsMetadata("dojo-pubsub", "pubsub.redis", "v1", []),
            new DaprComponentsMetadata("dojo-actorstate", "state.redis", "v1", ["ETAG", "TRANSACTIONAL", "TTL", "ACTOR"]),
            new DaprComponentsMetadata("secretstore", "secretstores.local.file", "v1", []),
        ]));
        return sidecar;
    }

    public static string TokenFor(TestUser user) => TestTokens.For(user, audience: DojoModule.AppId);

    public async Task<Guid> CreateRoomAsync(TestUser user)
    {
        using var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        using var response = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("Kata", "csharp"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomDto>(TestContext.Current.CancellationToken))!.Id;
    }

    /// <summary>A started hub connection over the test server's WebSockets.</summary>
    public async Task<HubConnection> ConnectAsync(TestUser user)
    {
        var server = Server;
        var token = TokenFor(user);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, DojoHubNames.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                    await server.CreateWebSocketClient().ConnectAsync(
                        new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri, cancellationToken);
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Delivers an accepted operation as the sidecar does: a CloudEvent posted to the subscription's route.</summary>
    public async Task<HttpResponseMessage> DeliverAsync(object data, string? apiToken = AppApiToken, string route = DojoActorsSetup.FanOutRoute)
    {
        var cloudEvent = new
        {
            specversion = "1.0", type = "com.dapr.event.sent", source = "dojo", id = Guid.NewGuid().ToString(),
            datacontenttype = "application/json", topic = route == DojoActorsSetup.FanOutRoute ? "dojo-operations" : "dojo-presence", pubsubname = "dojo-pubsub", data,
        };
        using var client = CreateClient();
        if (apiToken is not null)
        {
            client.DefaultRequestHeaders.Add("dapr-api-token", apiToken);
        }

        using var content = JsonContent.Create(cloudEvent, new MediaTypeHeaderValue("application/cloudevents+json"), System.Text.Json.JsonSerializerOptions.Web);
        return await client.PostAsync(route, content, TestContext.Current.CancellationToken);
    }

    public static string Revision(int revision) => revision.ToString(CultureInfo.InvariantCulture);
}
