using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using PocTracker.Contracts.Pocs;
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
    }
}

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
}
