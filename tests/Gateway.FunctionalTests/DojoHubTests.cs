using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>
/// The dojo hub through the gateway: straight to a dojo replica in both modes (never the sidecar), over
/// WebSockets, the way the SDK connects (<c>DojoConnection</c>: negotiation, then a WebSocket only), and each
/// client kept on one replica.
/// </summary>
public sealed class DojoHubTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hub_connections_like_the_sdks_reach_a_dojo_replica_and_stay_on_it(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        var reached = new List<string>();

        // Each connection is a new client (a cookie container of its own): round robin spreads them, and each one's
        // negotiation and WebSocket must meet on one replica, or the WebSocket's connection token is unknown there.
        for (var i = 0; i < 4; i++)
        {
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(topology.BaseAddress, DojoHubNames.Path), http =>
                {
                    http.Transports = HttpTransportType.WebSockets;
                    http.AccessTokenProvider = () => Task.FromResult<string?>("the-callers-token");
                })
                .Build();
            await hub.StartAsync(TestContext.Current.CancellationToken);
            reached.Add(await hub.InvokeAsync<string>("WhoAmI", TestContext.Current.CancellationToken));
        }

        var addresses = topology.DojoReplicas.Select(r => r.BaseAddress.ToString().TrimEnd('/')).ToList();
        Assert.Equal(addresses.ToHashSet(), reached.ToHashSet());
        foreach (var replica in topology.DojoReplicas)
        {
            var received = replica.Received;
            var negotiations = received.Count(r => r.Path == DojoHubNames.Path + "/negotiate");
            Assert.Equal(negotiations, received.Count(r => r.WebSocket));
            Assert.Equal(reached.Count(r => r == replica.BaseAddress.ToString().TrimEnd('/')), negotiations);
            Assert.All(received, r => Assert.Contains("the-callers-token", r.Header("Authorization") + r.Query, StringComparison.Ordinal));
            Assert.All(received, r => Assert.Equal(topology.BaseAddress.Authority, r.Header("X-Forwarded-Host")));
        }

        Assert.Empty(topology.Sidecar?.Received ?? []);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_affinity_cookie_keeps_a_client_on_its_replica(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);

        using var first = await NegotiateAsync(topology, cookie: null);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("poctracker.dojo-affinity=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hubs/dojo", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var pinned = topology.DojoReplicas.Single(r => r.Received.Count == 1);

        for (var i = 0; i < 5; i++)
        {
            using var again = await NegotiateAsync(topology, cookie.Split(';')[0]);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(6, pinned.Received.Count);
        Assert.Empty(topology.DojoReplicas.Single(r => r != pinned).Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_websocket_without_negotiation_is_proxied_too(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        using var socket = new ClientWebSocket();
        var address = new UriBuilder(topology.BaseAddress) { Scheme = "ws", Path = DojoHubNames.Path, Query = "access_token=the-callers-token" }.Uri;

        await socket.ConnectAsync(address, TestContext.Current.CancellationToken);
        // SignalR's handshake, then its answer (an empty JSON object and the record separator).
        await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var answer = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);

        Assert.Equal("{}\u001e", System.Text.Encoding.UTF8.GetString(buffer, 0, answer.Count));
        var received = Assert.Single(topology.DojoReplicas.SelectMany(r => r.Received));
        Assert.True(received.WebSocket);
        Assert.Equal("?access_token=the-callers-token", received.Query);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(Topology topology, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, DojoHubNames.Path + "/negotiate?negotiateVersion=1");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await topology.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
