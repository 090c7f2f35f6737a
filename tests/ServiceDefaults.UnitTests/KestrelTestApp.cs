using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>
/// A small app on a real Kestrel (a free loopback port) with ServiceDefaults' problem responses and the
/// pieces a test adds, so what Kestrel itself answers and what our middleware answers can both be seen.
/// </summary>
internal sealed class KestrelTestApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelTestApp(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<KestrelTestApp> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> build)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemResponses();
        configure(builder);
        var app = builder.Build();
        app.UseProblemResponses();
        build(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelTestApp(app, new Uri(address));
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    /// <summary>Sends bytes as they are (what HttpClient would refuse to send) and reads until the server closes or answers.</summary>
    public async Task<RawResponse> SendRawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(BaseAddress.Host, BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), TestContext.Current.CancellationToken);
        return await RawResponse.ReadAsync(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
    }
}

/// <summary>One HTTP/1.1 response read off a socket: status, headers, and its body (by Content-Length or chunks).</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static async Task<RawResponse> ReadAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var bytes = new List<byte>();
        var buffer = new byte[8192];
        RawResponse? response = null;
        while (response is null)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return Parse(bytes, complete: true) ?? throw new InvalidOperationException("The connection closed before a whole response: " + Encoding.Latin1.GetString([.. bytes]));
            }

            bytes.AddRange(buffer.AsSpan(0, read));
            response = Parse(bytes, complete: false);
        }

        return response;
    }

    /// <summary>The response when the bytes hold all of it, else null.</summary>
    private static RawResponse? Parse(List<byte> bytes, bool complete)
    {
        var text = Encoding.Latin1.GetString([.. bytes]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var rest = text[(end + 4)..];
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var size = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            return rest.Length >= size ? new RawResponse(status, headers, rest[..size]) : null;
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new StringBuilder();
            var at = 0;
            while (true)
            {
                var lineEnd = rest.IndexOf("\r\n", at, StringComparison.Ordinal);
                if (lineEnd < 0)
                {
                    return null;
                }

                var size = Convert.ToInt32(rest[at..lineEnd], 16);
                if (size == 0)
                {
                    return new RawResponse(status, headers, body.ToString());
                }

                if (rest.Length < lineEnd + 2 + size + 2)
                {
                    return null;
                }

                body.Append(rest, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }

        return complete ? new RawResponse(status, headers, rest) : null;
    }

    /// <summary>The problem in the body, checked to be one with the response's status and the code's type.</summary>
    public JsonElement Problem(string code)
    {
        Assert.Equal("application/problem+json", Headers.GetValueOrDefault("Content-Type"));
        var problem = JsonDocument.Parse(Body).RootElement;
        Assert.Equal($"https://poctracker.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.Equal(Status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

internal static class ProblemAssertions
{
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal($"https://poctracker.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
