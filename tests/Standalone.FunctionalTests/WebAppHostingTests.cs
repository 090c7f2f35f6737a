using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PocTracker.Standalone.FunctionalTests;

/// <summary>The web app at <c>/</c> on the real product (clients/Web.Hosting): its page, its files and the APIs' paths left alone.</summary>
[Collection(DemoHostCollection.Name)]
public sealed class WebAppHostingTests(DemoHost host)
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = host.BaseAddress };

    [Theory]
    [InlineData("/")]
    [InlineData("/pocs")]
    [InlineData("/authentication/login-callback")]
    public async Task A_page_path_is_the_apps_page_never_cached_under_its_content_security_policy(string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("<script src=\"_framework/blazor.webassembly.js\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprinted_files_are_immutable_and_sent_compressed_the_service_worker_is_not_cached()
    {
        // The page names the loader by its logical path, revalidated on every load; what it loads next is named by its
        // fingerprint (the service worker's manifest lists those), and such a file never changes.
        using var logical = await http.GetAsync("/_framework/blazor.webassembly.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, logical.StatusCode);
        Assert.Equal("no-cache", logical.Headers.CacheControl?.ToString());
        Assert.NotNull(logical.Headers.ETag);
        var assets = await http.GetStringAsync("/service-worker-assets.js", TestContext.Current.CancellationToken);
        var runtime = System.Text.RegularExpressions.Regex.Match(assets, "_framework/dotnet\\.runtime\\.[a-z0-9]+\\.js").Value;
        Assert.NotEmpty(runtime);

        using var request = new HttpRequestMessage(HttpMethod.Get, runtime);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var script = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("gzip", Assert.Single(script.Content.Headers.ContentEncoding));
        Assert.Equal("max-age=31536000, immutable", script.Headers.CacheControl?.ToString());

        using var worker = await http.GetAsync("/service-worker.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("no-cache", worker.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/api")]
    [InlineData("/connect/nothing")]
    [InlineData("/account/nothing")]
    [InlineData("/hubs/nothing")]
    [InlineData("/openapi/nothing")]
    public async Task An_unknown_server_path_stays_a_404_problem(string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.EndsWith("/not-found", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_route_that_refuses_a_post_still_answers_it_itself()
    {
        // No token: the route's own 401, not the page.
        using var refused = await http.PostAsync("/api/pocs", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var missingFile = await http.GetAsync("/js/nothing.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
    }
}
