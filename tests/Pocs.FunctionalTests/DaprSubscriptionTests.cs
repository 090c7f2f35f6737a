using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.Contracts.Events;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.StartupChecks;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>The app as it runs beside a Dapr sidecar (no sidecar needed to test what the app itself serves).</summary>
public sealed class DaprModeFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
{
    public const string AppApiToken = "sidecar-shared-secret-for-tests";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Dapr:Enabled", "true");
        builder.UseSetting("APP_API_TOKEN", AppApiToken);
        // The sidecar's metadata, with the components the pocs app needs (its start-up check asks for them).
        var sidecar = Substitute.For<DaprClient>();
        sidecar.GetMetadataAsync(Arg.Any<CancellationToken>()).Returns(new DaprMetadata(PocsModule.AppId, [], new Dictionary<string, string>(),
            [new DaprComponentsMetadata("pubsub", "pubsub.redis", "v1", []), new DaprComponentsMetadata("secretstore", "secretstores.local.file", "v1", []),
             new DaprComponentsMetadata("pocs-actorstate", "state.redis", "v1", ["ETAG", "TRANSACTIONAL", "ACTOR"])]));
        builder.ConfigureTestServices(services => services.AddSingleton(sidecar));
    }
}

/// <summary>A sidecar is configured but the secret it sends is not: the deployment mistake that would open the event routes.</summary>
/// <summary>Under Dapr, the sidecar delivers each subscribed topic to the same handlers Standalone calls in process.</summary>
public sealed class DaprSubscriptionTests(DaprModeFixture api) : IClassFixture<DaprModeFixture>
{
    [Fact]
    public async Task The_subscription_list_names_each_handled_event_type_as_a_topic()
    {
        var subscriptions = await api.CreateClient().GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        var topics = subscriptions.EnumerateArray().Select(s => (s.GetProperty("pubsubName").GetString(), s.GetProperty("topic").GetString(), s.GetProperty("route").GetString())).ToArray();
        Assert.Contains(("pubsub", "PocCreatedIntegrationEvent", "events/PocCreatedIntegrationEvent"), topics);
        Assert.Contains(("pubsub", "PocDeletedIntegrationEvent", "events/PocDeletedIntegrationEvent"), topics);
    }

    [Fact]
    public async Task A_cloud_event_from_the_sidecar_reaches_the_handler()
    {
        var pocId = Guid.NewGuid();
        var cloudEvent = new
        {
            specversion = "1.0", type = "com.dapr.event.sent", source = "pocs", id = Guid.NewGuid().ToString(),
            datacontenttype = "application/json", topic = "PocCreatedIntegrationEvent", pubsubname = "pubsub",
            data = new PocCreatedIntegrationEvent(pocId, Guid.NewGuid(), "Via Dapr", "go", ["dapr"], "idea") { TenantId = Guid.NewGuid() },
        };
        using var content = JsonContent.Create(cloudEvent, new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json"), JsonSerializerOptions.Web);

        using var anonymous = await api.CreateClient().PostAsync("/events/PocCreatedIntegrationEvent", content);
        var sidecar = api.CreateClient();
        sidecar.DefaultRequestHeaders.Add("dapr-api-token", DaprModeFixture.AppApiToken);
        using var response = await sidecar.PostAsync("/events/PocCreatedIntegrationEvent", content);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await api.Events.WaitForAsync<PocCreatedIntegrationEvent>(e => e.PocId == pocId);
        Assert.Equal(("Via Dapr", "go"), (received.Name, received.Language));
    }

    [Fact]
    public async Task A_forged_account_deletion_is_refused_and_hands_nobody_the_victims_pocs()
    {
        var owner = TestUser.NewTenantOwner();
        var victim = owner.Colleague();
        var thief = owner.Colleague();
        var shared = await api.ClientFor(victim).CreatePocAsync("Do time", visibility: "tenant");
        var forged = new UserDeletedIntegrationEvent(victim.UserId, thief.UserId) { TenantId = owner.TenantId };

        using var withoutToken = await api.CreateClient().PostAsync("/events/UserDeletedIntegrationEvent", CloudEvent(forged));
        var guessing = api.CreateClient();
        guessing.DefaultRequestHeaders.Add("dapr-api-token", "a-guess");
        using var withAGuess = await guessing.PostAsync("/events/UserDeletedIntegrationEvent", CloudEvent(forged));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withAGuess.StatusCode);
        var poc = await api.ClientFor(owner).GetFromJsonAsync<PocDto>($"/api/pocs/{shared.Id}");
        Assert.Equal((victim.UserId, 1), (poc!.OwnerId, poc.Version));
    }

    private static JsonContent CloudEvent<TEvent>(TEvent data)
        where TEvent : IntegrationEvent => JsonContent.Create(
            new
            {
                specversion = "1.0", type = "com.dapr.event.sent", source = "identity", id = Guid.NewGuid().ToString(),
                datacontenttype = "application/json", topic = typeof(TEvent).Name, pubsubname = "pubsub", data,
            },
            new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json"), JsonSerializerOptions.Web);
}

/// <summary>The sidecar-only routes exist only under a sidecar, and only with the secret that proves the sidecar.</summary>
public sealed class SidecarOnlyRouteTests(PocsApiFixture withoutSidecar) : IClassFixture<PocsApiFixture>
{
    [Theory]
    [InlineData("POST", "/events/UserDeletedIntegrationEvent")]
    [InlineData("POST", "/events/PocCreatedIntegrationEvent")]
    [InlineData("GET", "/dapr/subscribe")]
    public async Task Without_a_sidecar_the_sidecar_routes_do_not_exist(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new UserDeletedIntegrationEvent(Guid.NewGuid(), Guid.NewGuid()) { TenantId = Guid.NewGuid() });
        }

        using var response = await withoutSidecar.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
