using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>What every app serves besides its API: health, metrics, the OpenAPI document and page.</summary>
public sealed class PlatformEndpointTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
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
    public async Task Prometheus_metrics_include_the_poc_operations()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        await client.CreatePocAsync("Métrica");
        await client.SearchAsync("q=metrica");

        var metrics = await api.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("poctracker_pocs_writes", metrics);
        Assert.Contains("poctracker_pocs_searches", metrics);
    }
}
