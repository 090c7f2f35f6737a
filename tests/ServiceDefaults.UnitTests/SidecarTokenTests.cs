using Microsoft.AspNetCore.Http;
using PocTracker.ServiceDefaults.Events;

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
    public async Task Under_a_sidecar_an_app_without_APP_API_TOKEN_is_refused_by_the_start_up_check()
    {
        var problems = await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub")).FindProblemsAsync(CancellationToken.None);

        Assert.Contains("APP_API_TOKEN", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: true, PubSubName: "pubsub", AppApiToken: "set")).FindProblemsAsync(CancellationToken.None));
        Assert.Empty(await new SidecarTokenCheck(new DaprSettings(SidecarConfigured: false, PubSubName: "pubsub")).FindProblemsAsync(CancellationToken.None));
    }
}
