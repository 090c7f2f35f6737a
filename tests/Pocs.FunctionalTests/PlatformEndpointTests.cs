using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>What every app serves besides its API: health and the OpenAPI document and page on its port, metrics on a management port.</summary>
public sealed class PlatformEndpointTests(PocsApiFixture api, PostgresServerFixture postgres) : IClassFixture<PocsApiFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_a_token(string path)
    {
        using var response = await api.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_poc_route()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/pocs", out var collection));
        Assert.True(collection.TryGetProperty("get", out var search));
        Assert.True(collection.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/pocs/{id}", out var item));
        Assert.True(item.TryGetProperty("put", out _) && item.TryGetProperty("delete", out _) && item.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/pocs/facets", out _));
        var parameterNames = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Superset(new HashSet<string?> { "q", "name", "language", "tags", "tagMode", "status", "owner", "sort", "limit", "cursor" }, parameterNames.ToHashSet());
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task The_api_page_is_served_locally()
    {
        using var response = await api.CreateClient().GetAsync("/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_are_served_on_the_management_port_and_not_on_the_public_one()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await postgres.NewDatabaseAsync("pocs");
        var metricsPort = AppProcess.FreeLoopbackPort();
        await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Pocs.dll"), new Dictionary<string, string?>(TestHostSettings.ForAppProcess(PocsModule.AppId, database))
        {
            ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun, // Production needs one
            ["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Metrics__Host"] = "127.0.0.1",
        }, AppProcess.FreeLoopbackPort(), cancel);
        using var user = new HttpClient { BaseAddress = app.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(TestUser.NewTenantOwner()));
        await user.CreatePocAsync("Métrica");
        await user.SearchAsync("q=metrica");
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };

        var metrics = await management.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancel);
        using var onThePublicPort = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), cancel);
        using var namingTheManagementPort = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        namingTheManagementPort.Headers.Host = $"127.0.0.1:{metricsPort}"; // the Host header is the client's to write
        using var withAForgedHost = await anonymous.SendAsync(namingTheManagementPort, cancel);
        using var apiOnTheManagementPort = await management.GetAsync(new Uri("/api/pocs", UriKind.Relative), cancel);
        using var healthOnThePublicPort = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), cancel);

        Assert.Contains("poctracker_pocs_writes", metrics, StringComparison.Ordinal);
        Assert.Contains("poctracker_pocs_searches", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onThePublicPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withAForgedHost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnTheManagementPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthOnThePublicPort.StatusCode);
    }

    [Fact]
    public async Task Without_a_metrics_port_no_port_serves_metrics()
    {
        using var response = await api.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
