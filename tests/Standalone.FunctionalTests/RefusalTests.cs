using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PocTracker.Standalone.FunctionalTests;

/// <summary>
/// Refusals every app answers the same way, checked on the real product: a JSON body in another charset
/// on every JSON route, a token for another app, SignalR's transport refusals, and oversized requests.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class RefusalTests(DemoHost host)
{
    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Every_json_route_answers_a_json_body_in_another_charset_with_a_415_problem(string contentType)
    {
        var routes = host.Targets.Where(t => t.TakesJson && t.Kind == Fuzz.EndpointKind.Api).ToList();
        Assert.True(routes.Count >= 14, $"only {routes.Count} JSON routes in the document");
        var anonymousRoutes = 0;

        foreach (var route in routes)
        {
            foreach (var token in new[] { host.OwnerToken, null })
            {
                using var response = await SendJsonAsync(route, contentType, token);

                // Without a token, a route that needs one says so first (as it does to a body in UTF-8).
                using var plain = token is null ? await SendJsonAsync(route, "application/json", null) : null;
                var needsToken = plain?.StatusCode == HttpStatusCode.Unauthorized;
                anonymousRoutes += token is null && !needsToken ? 1 : 0;
                var (status, code) = needsToken ? (HttpStatusCode.Unauthorized, "unauthorized") : (HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
                Assert.True(status == response.StatusCode,
                    $"{route.Route} ({(token is null ? "anonymous" : "owner")}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                await AssertProblemAsync(response, code);
            }
        }

        // Sign-up, the password check and invitation acceptance at least.
        Assert.True(anonymousRoutes >= 3, $"only {anonymousRoutes} JSON routes answered without a token");
    }

    private async Task<HttpResponseMessage> SendJsonAsync(Fuzz.FuzzTarget route, string contentType, string? token)
    {
        using var http = Client(token);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Template.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_token_without_the_dojo_audience_is_a_401_invalid_token_on_the_dojo_routes()
    {
        // The scopes the README's scripts/token.sh asks for: every API's but the dojo's.
        using var http = Client(host.ReadmeToken);

        using var rooms = await http.GetAsync("/api/dojo/rooms", TestContext.Current.CancellationToken);
        using var negotiate = await http.PostAsync("/hubs/dojo/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        using var pocs = await http.GetAsync("/api/pocs?limit=1", TestContext.Current.CancellationToken);

        foreach (var refused in new[] { rooms, negotiate })
        {
            await AssertProblemAsync(refused, "unauthorized", HttpStatusCode.Unauthorized);
            Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, pocs.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/hubs/dojo")]
    [InlineData("POST", "/hubs/dojo?id=no-such-connection")]
    [InlineData("PUT", "/hubs/dojo")]
    public async Task The_dojo_hub_refuses_a_transport_request_with_a_problem(string method, string path)
    {
        using var http = Client(host.OwnerToken);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") }, TestContext.Current.CancellationToken);

        // SignalR's own words are the detail (the ServiceDefaults tests check them); here: a problem, not its plain text.
        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertProblemAsync(response, code: null);
    }

    [Fact]
    public async Task Oversized_headers_and_targets_get_a_problem_from_the_host()
    {
        var headers = await SendRawAsync($"GET /api/pocs HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: {new string('b', 40_000)}\r\n\r\n");
        var target = await SendRawAsync($"GET /api/pocs?q={new string('q', 9_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", headers, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"headers-too-large\"", headers, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 414", target, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"uri-too-long\"", target, StringComparison.Ordinal);
    }

    /// <summary>
    /// A client from 127.0.0.2: the fuzz test shares this host and spends the per-address rate limits of
    /// 127.0.0.1 (sign-up, invitation acceptance), which would answer 429 before the body is looked at.
    /// </summary>
    private HttpClient Client(string? token)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = host.BaseAddress,
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>A problem of ours with the response's status (and <paramref name="code"/>'s type, when given).</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string? code, HttpStatusCode? status = null)
    {
        if (status is { } expected)
        {
            Assert.Equal(expected, response.StatusCode);
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var type = problem.GetProperty("type").GetString()!;
        Assert.StartsWith("https://poctracker.dev/problems/", type, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal("https://poctracker.dev/problems/" + code, type);
        }

        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken); // Connection: close ends it
    }
}
