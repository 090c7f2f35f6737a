using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>
/// A request target or headers over our limits get a problem from our middleware; only beyond Kestrel's
/// own limits (twice ours) does Kestrel answer first, with no body at all, and so do its other refusals
/// of requests that are not HTTP (a broken Host, a request line that does not parse).
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private KestrelTestApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await KestrelTestApp.StartAsync(
            builder => builder.ConfigureServerLimits(),
            web =>
            {
                web.UseRequestLimits();
                web.MapGet("/hello", () => "hello");
            });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string Get(string target, string extraHeaders = "") =>
        $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extraHeaders}\r\n";

    [Fact]
    public async Task A_request_within_the_limits_is_served()
    {
        var response = await app.SendRawAsync(Get("/hello?q=" + new string('a', 8000), $"X-Big: {new string('b', 30_000)}\r\n"));

        Assert.Equal(200, response.Status);
        Assert.Equal("hello", response.Body);
    }

    [Fact]
    public async Task A_target_over_the_limit_is_a_414_problem()
    {
        var response = await app.SendRawAsync(Get("/hello?q=" + new string('a', RequestLimits.MaxRequestTargetLength)));

        Assert.Equal(414, response.Status);
        Assert.Contains("8,192", response.Problem("uri-too-long").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_the_limit_in_size_or_count_are_a_431_problem()
    {
        var big = await app.SendRawAsync(Get("/hello", $"X-Big: {new string('b', RequestLimits.MaxRequestHeadersTotalBytes)}\r\n"));
        var many = await app.SendRawAsync(Get("/hello", string.Concat(Enumerable.Range(0, RequestLimits.MaxRequestHeaderCount).Select(i => $"X-H{i}: {i}\r\n"))));

        Assert.Equal(431, big.Status);
        big.Problem("headers-too-large");
        Assert.Equal(431, many.Status);
        many.Problem("headers-too-large");
    }

    [Fact]
    public async Task Beyond_kestrels_own_limits_and_for_unparseable_requests_kestrel_answers_without_a_body()
    {
        var target = await app.SendRawAsync(Get("/hello?q=" + new string('a', 2 * RequestLimits.MaxRequestTargetLength)));
        var headers = await app.SendRawAsync(Get("/hello", $"X-Big: {new string('b', 2 * RequestLimits.MaxRequestHeadersTotalBytes)}\r\n"));
        var host = await app.SendRawAsync("GET /hello HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
        var line = await app.SendRawAsync("GET /he llo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal((414, ""), (target.Status, target.Body));
        Assert.Equal((431, ""), (headers.Status, headers.Body));
        Assert.Equal((400, ""), (host.Status, host.Body));
        Assert.Equal((400, ""), (line.Status, line.Body));
    }
}
