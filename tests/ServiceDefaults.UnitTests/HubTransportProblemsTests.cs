using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>SignalR's plain-text refusals become problems; its transports pass through untouched.</summary>
public sealed class HubTransportProblemsTests : IAsyncLifetime
{
    private KestrelTestApp app = null!;

    public sealed class EchoHub : Hub
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "SignalR calls hub methods on an instance.")]
        public string Echo(string text) => text;
    }

    public async ValueTask InitializeAsync() =>
        app = await KestrelTestApp.StartAsync(
            builder => builder.Services.AddSignalR(),
            web => web.MapHub<EchoHub>("/hubs/echo"));

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/hubs/echo", 400, "malformed-request", "Connection ID required")]
    [InlineData("POST", "/hubs/echo?id=no-such-connection", 404, "not-found", "No Connection with that ID")]
    [InlineData("DELETE", "/hubs/echo?id=no-such-connection", 404, "not-found", "No Connection with that ID")]
    [InlineData("PUT", "/hubs/echo", 405, "method-not-allowed", null)]
    [InlineData("GET", "/hubs/echo/negotiate", 405, "method-not-allowed", null)]
    public async Task A_refused_transport_request_is_answered_with_a_problem(string method, string path, int status, string code, string? detail)
    {
        using var client = app.Client();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(status, code);
        Assert.Equal(detail, problem.TryGetProperty("detail", out var text) ? text.GetString() : null);
    }

    [Fact]
    public async Task A_refused_websocket_request_is_answered_with_a_problem()
    {
        var response = await app.SendRawAsync(
            "GET /hubs/echo?id=no-such-connection HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        Assert.Equal(404, response.Status);
        Assert.Equal("No Connection with that ID", response.Problem("not-found").GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Every_transport_still_carries_the_hub(HttpTransportType transport)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/echo"), options => options.Transports = transport)
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);

        var first = await connection.InvokeAsync<string>("Echo", "olá", TestContext.Current.CancellationToken);
        var second = await connection.InvokeAsync<string>("Echo", new string('x', 20_000), TestContext.Current.CancellationToken);

        Assert.Equal("olá", first);
        Assert.Equal(20_000, second.Length);
    }
}
