using System.Net;
using PocTracker.Contracts.Apps;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>An app (or sidecar) that does not answer is the gateway's problem answer, quickly, never a bare 500 or a hang.</summary>
public sealed class NoAnswerTests
{
    [Fact]
    public async Task A_dead_app_is_a_502_problem()
    {
        await using var topology = await Topology.StartAsync(throughSidecar: false, new Dictionary<string, string?>
        {
            ["Gateway:Apps:pocs"] = $"http://127.0.0.1:{Topology.ClosedPort()}",
        });

        using var response = await topology.Client.GetAsync("/api/pocs", TestContext.Current.CancellationToken);

        var detail = await Problems.AssertAsync(response, HttpStatusCode.BadGateway, "bad-gateway");
        Assert.Contains(AppIds.Pocs, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_sidecar_is_a_502_problem()
    {
        await using var topology = await Topology.StartAsync(throughSidecar: true, new Dictionary<string, string?>
        {
            ["DAPR_HTTP_PORT"] = Topology.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var response = await topology.Client.GetAsync("/api/reports/jobs", TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.BadGateway, "bad-gateway");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_app_that_hangs_is_a_504_problem_after_the_activity_timeout(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar, new Dictionary<string, string?> { ["Gateway:ActivityTimeout"] = "00:00:01" });
        topology.Receiver(AppIds.Video).Behaviours["hang"] = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

        using var response = await topology.Client.GetAsync("/api/videos/hang", TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.GatewayTimeout, "gateway-timeout");
    }

    [Theory]
    [InlineData("failed to invoke, id: pocs, err: rpc error: code = Unavailable desc = connection refused", HttpStatusCode.BadGateway, "bad-gateway")]
    [InlineData("failed to invoke, id: pocs, err: context deadline exceeded", HttpStatusCode.GatewayTimeout, "gateway-timeout")]
    [InlineData("failed to invoke, id: pocs, err: circuit breaker is open", HttpStatusCode.ServiceUnavailable, "service-unavailable")]
    public async Task The_sidecars_own_error_becomes_the_gateways_problem(string message, HttpStatusCode status, string code)
    {
        await using var topology = await Topology.StartAsync(throughSidecar: true);
        topology.Sidecar!.Behaviours["dapr-error"] = context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message });
        };

        using var response = await topology.Client.GetAsync("/api/pocs/dapr-error", TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, status, code);
    }

    [Fact]
    public async Task The_sidecar_refusing_the_api_token_is_a_502_problem()
    {
        await using var topology = await Topology.StartAsync(throughSidecar: true);
        topology.Sidecar!.Behaviours["token"] = context =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("invalid api token\n");
        };

        using var response = await topology.Client.GetAsync("/api/pocs/token", TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.BadGateway, "bad-gateway");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_apps_own_errors_pass_through_untouched(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        var identity = topology.Receiver(AppIds.Identity);
        identity.Behaviours["token"] = context =>
        {
            context.Response.StatusCode = 400;
            return context.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "The code is no longer valid." });
        };
        identity.Behaviours["missing"] = context => Results.Problem(statusCode: 404, title: "Not found.", type: "https://poctracker.dev/problems/not-found").ExecuteAsync(context);
        identity.Behaviours["broken"] = context => Results.Problem(statusCode: 500, type: "https://poctracker.dev/problems/internal-error").ExecuteAsync(context);

        using var oauth = await topology.Client.PostAsync("/connect/token", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, oauth.StatusCode);
        Assert.Equal("""{"error":"invalid_grant","error_description":"The code is no longer valid."}""", await oauth.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var missing = await topology.Client.GetAsync("/api/identity/missing", TestContext.Current.CancellationToken);
        await Problems.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");
        using var broken = await topology.Client.GetAsync("/api/identity/broken", TestContext.Current.CancellationToken);
        await Problems.AssertAsync(broken, HttpStatusCode.InternalServerError, "internal-error");
    }
}
