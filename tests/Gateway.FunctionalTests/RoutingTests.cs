using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PocTracker.Contracts.Apps;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>Every route reaches its app, as it was sent, in both modes: plain HTTP to the app, or Dapr service invocation.</summary>
public sealed class RoutingTests
{
    public static TheoryData<bool, string, string> EveryRoute()
    {
        var data = new TheoryData<bool, string, string>();
        foreach (var sidecar in new[] { false, true })
        {
            foreach (var route in GatewayRoutes.AppRoutes)
            {
                data.Add(sidecar, route.PathPrefix, route.AppId);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task A_route_reaches_its_app_with_path_query_token_and_forwarded_headers(bool sidecar, string prefix, string appId)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        var path = prefix + "/some/thing";
        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?name=caf%C3%A9&tags=a&tags=b");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "the-callers-token");
        // What a client must not be able to tell Dapr or an app: stripped, and the gateway's own values set.
        request.Headers.Add("dapr-api-token", "forged");
        request.Headers.Add("dapr-app-id", "someone-else");
        request.Headers.Add("X-Forwarded-Host", "forged.example");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await topology.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(topology.Receiver(appId).Received);
        Assert.Equal(path, received.Path);
        Assert.Equal("?name=caf%C3%A9&tags=a&tags=b", received.Query);
        Assert.Equal("Bearer the-callers-token", received.Header("Authorization"));
        Assert.Equal(topology.BaseAddress.Authority, received.Header("X-Forwarded-Host"));
        Assert.Equal("http", received.Header("X-Forwarded-Proto"));
        Assert.Equal("127.0.0.1", received.Header("X-Forwarded-For"));
        if (sidecar)
        {
            Assert.Equal(appId, received.Header("dapr-app-id"));
            Assert.Equal(Topology.DaprApiToken, received.Header("dapr-api-token"));
        }
        else
        {
            Assert.DoesNotContain(received.Headers.Keys, name => name.StartsWith("dapr-", StringComparison.OrdinalIgnoreCase));
            Assert.All(topology.Apps.Where(a => a.Key != appId), other => Assert.Empty(other.Value.Received));
        }

        Assert.All(topology.DojoReplicas, replica => Assert.Empty(replica.Received));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_prefix_itself_and_identitys_discovery_paths_are_routed(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        string[] paths = ["/api/pocs", "/.well-known/openid-configuration", "/.well-known/jwks", "/account/login", "/connect/authorize"];

        foreach (var path in paths)
        {
            var echo = await topology.Client.GetFromJsonAsync<Echo>(path, TestContext.Current.CancellationToken);
            Assert.Equal(path, echo!.Path);
        }

        var identity = topology.Receiver(AppIds.Identity).Received.Where(r => r.Path != "/api/pocs");
        Assert.Equal(paths.Skip(1), identity.Select(r => r.Path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_path_under_no_route_is_the_gateways_404_problem(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);

        // Under the servers' prefixes the web app's index.html never answers (clients/Web.Hosting).
        foreach (var path in new[] { "/api/pocsx", "/api", "/api/nothing/here", "/events/UserDeletedIntegrationEvent", "/hubs/other", "/openapi/v2.json", "/metrics" })
        {
            using var response = await topology.Client.GetAsync(path, TestContext.Current.CancellationToken);
            await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        using var post = await topology.Client.PostAsync("/pocs", new StringContent("{}"), TestContext.Current.CancellationToken);
        await Problems.AssertAsync(post, HttpStatusCode.NotFound, "not-found");
        Assert.Empty(topology.Receiver(AppIds.Pocs).Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Any_other_page_path_is_the_web_apps_page_and_no_app_sees_it(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);

        foreach (var path in new[] { "/", "/pocs", "/authentication/login-callback", "/v1.0/invoke/pocs/method/api/pocs", "/hubsx" })
        {
            using var response = await topology.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            Assert.Contains("'wasm-unsafe-eval'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Contains("_framework/blazor.webassembly", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.All(topology.Apps.Values.Append(topology.Sidecar).OfType<StandIn>(), standIn => Assert.Empty(standIn.Received));
    }

    // With S3 storage a film's content route answers a 302 to the bucket, which the page's fetch follows: the page's
    // policy names the bucket's origin (WebApp:ObjectStorageOrigin), and only as an origin.
    [Fact]
    public async Task The_pages_policy_lets_it_read_from_the_object_storage_origin_it_is_given()
    {
        await using var topology = await Topology.StartAsync(throughSidecar: false, new Dictionary<string, string?>
        {
            ["WebApp:ObjectStorageOrigin"] = "https://poctracker-objects.s3.sa-east-1.amazonaws.com/",
        });

        using var response = await topology.Client.GetAsync("/video", TestContext.Current.CancellationToken);

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self' https://poctracker-objects.s3.sa-east-1.amazonaws.com;", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self';", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bucket.s3.amazonaws.com/videos")]
    [InlineData("https://bucket.s3.amazonaws.com; script-src *")]
    [InlineData("bucket.s3.amazonaws.com")]
    public async Task An_object_storage_origin_that_is_not_an_origin_stops_the_gateway(string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var topology = await Topology.StartAsync(throughSidecar: false, new Dictionary<string, string?> { ["WebApp:ObjectStorageOrigin"] = value });
            using var response = await topology.Client.GetAsync("/", TestContext.Current.CancellationToken);
        });

        Assert.Contains("WebApp:ObjectStorageOrigin must be an origin", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_path_that_decodes_into_another_route_is_refused(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);

        // Dapr decodes and cleans the method path: this would invoke pocs' /events/... route, which only pocs'
        // own sidecar may call. %252F is decoded once by the gateway and once more by Dapr.
        foreach (var path in new[] { "/api/pocs/x%2F..%2F..%2F..%2Fevents%2FUserDeletedIntegrationEvent", "/api/pocs/x%252F..%252F..%252Fevents", "/api/pocs/a%2F%2Fb" })
        {
            using var response = await topology.Client.GetAsync(path, TestContext.Current.CancellationToken);
            await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        }

        Assert.Empty(topology.Receiver(AppIds.Pocs).Received);
    }

    [Fact]
    public async Task Health_is_the_gateways_own()
    {
        await using var topology = await Topology.StartAsync(throughSidecar: true);

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await topology.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(topology.Sidecar!.Received);
    }
}
