using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Only the Dapr sidecar may call the sidecar-only routes, and it proves itself with APP_API_TOKEN.</summary>
public sealed class SidecarTokenTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anything at all")]
    public void Without_APP_API_TOKEN_no_call_is_taken_for_the_sidecars(string? sentToken)
    {
        var context = new DefaultHttpContext();
        if (sentToken is not null)
        {
            context.Request.Headers["dapr-api-token"] = sentToken;
        }

        Assert.False(EventBusSetup.FromSidecar(context, new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub", AppApiToken: null)));
        Assert.False(EventBusSetup.FromSidecar(context, new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub", AppApiToken: "")));
    }

    [Theory]
    [InlineData("the-sidecars-secret", true)]
    [InlineData("the-sidecars-secreT", false)]
    [InlineData("", false)]
    public void With_APP_API_TOKEN_only_the_same_token_is_believed(string sentToken, bool believed)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["dapr-api-token"] = sentToken;

        Assert.Equal(believed, EventBusSetup.FromSidecar(context, new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub", AppApiToken: "the-sidecars-secret")));
    }

    [Fact]
    public async Task Under_a_sidecar_an_app_without_APP_API_TOKEN_refuses_to_start()
    {
        // A real host with every app's defaults (not WebApplicationFactory, which can lose the exception of an app
        // that fails fast: its deferred host may read the failed app's disposed services first).
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Dapr:Enabled"] = "true";
        builder.Configuration["Auth:Issuer"] = "http://127.0.0.1:1/";
        builder.Configuration["Auth:Audiences:0"] = "pocs";
        builder.Configuration["Auth:SigningKeys"] = """{"keys":[]}""";
        builder.AddServiceDefaults("pocs");
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<StartupCheckFailedException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("APP_API_TOKEN is not set", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_a_sidecar_an_app_without_APP_API_TOKEN_is_refused_by_the_start_up_check()
    {
        var problems = await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub")).FindProblemsAsync(CancellationToken.None);

        Assert.Contains("APP_API_TOKEN", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub", AppApiToken: "set")).FindProblemsAsync(CancellationToken.None));
        Assert.Empty(await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: false, PubSubName: "pubsub")).FindProblemsAsync(CancellationToken.None));
    }
}
