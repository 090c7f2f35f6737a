using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// The hub's HTTP side as a real server (Kestrel on loopback) answers it: WebSockets are the only
/// transport, an oversized post is refused at once instead of stalling, an oversized message closes
/// its WebSocket, and SignalR's own refusals come back as RFC 9457 problems.
/// </summary>
public sealed class HubTransportTests(LoopbackDojoFixture fixture) : IClassFixture<LoopbackDojoFixture>
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Negotiate_offers_WebSockets_only_and_a_client_forced_to_long_polling_cannot_connect()
    {
        using var http = fixture.ClientFor(TestUser.NewTenantOwner());
        using var negotiate = await http.PostAsync("/hubs/dojo/negotiate?negotiateVersion=1", null, Cancel);
        negotiate.EnsureSuccessStatusCode();
        var offered = (await negotiate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("availableTransports")
            .EnumerateArray().Select(t => t.GetProperty("transport").GetString()).ToList();
        Assert.Equal(["WebSockets"], offered);

        foreach (var transport in new[] { HttpTransportType.LongPolling, HttpTransportType.ServerSentEvents })
        {
            await using var forced = fixture.HubConnection(TestUser.NewTenantOwner(), transport);
            await Assert.ThrowsAnyAsync<Exception>(() => forced.StartAsync(Cancel));
            Assert.Equal(HubConnectionState.Disconnected, forced.State);
        }
    }

    [Fact]
    public async Task The_SDK_connects_with_one_WebSocket_request_and_no_negotiate_so_no_replica_needs_to_have_seen_it_before()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await fixture.CreateRoomAsync(owner);
        var before = fixture.HubRequests.Count;

        // The SDK as every application uses it: no transport settings of its own.
        await using var editor = await SdkParticipant.JoinOverLoopbackAsync(fixture.Address, DojoHost.TokenFor(owner), roomId);
        editor.Session.Apply(TextOperation.Splice(0, 0, 0, "one socket"));
        await editor.WaitUntilAsync(s => s.IsSynchronized);

        // A negotiate would have left a connection token on this replica that only this replica can connect;
        // without one the WebSocket upgrade is the whole handshake, so any replica can take it.
        Assert.Equal(["GET /hubs/dojo websocket"], fixture.HubRequests.Skip(before));
        Assert.Equal("one socket", editor.Session.Text);
    }

    [Fact]
    public async Task An_SDK_connection_whose_token_the_hub_refuses_on_the_WebSocket_upgrade_fails_as_unauthorized()
    {
        await using var connection = new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = fixture.Address,
            AccessTokenProvider = () => Task.FromResult<string?>("not-a-token"),
        });

        var refused = await Assert.ThrowsAsync<DojoException>(() => connection.StartAsync(Cancel));

        Assert.Equal(DojoErrorCodes.Unauthorized, refused.Code);
        Assert.Contains("(401)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task A_5_MB_post_to_the_hub_is_refused_with_413_before_it_is_read()
    {
        using var http = fixture.ClientFor(TestUser.NewTenantOwner());
        using var negotiate = await http.PostAsync("/hubs/dojo/negotiate?negotiateVersion=1", null, Cancel);
        var connectionToken = (await negotiate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("connectionToken").GetString();
        // What a long-polling client posts: a hub message (here 5 MB, over the 4 MiB message cap), record separator at the end.
        var message = "{\"type\":1,\"target\":\"Join\",\"arguments\":[\"" + new string('x', FiveMegabytes) + "\"]}\u001e";

        foreach (var path in new[] { $"/hubs/dojo?id={connectionToken}", "/hubs/dojo/negotiate?negotiateVersion=1" })
        {
            using var content = new StringContent(message, Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(path, content, Cancel);

            await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }
    }

    [Fact]
    public async Task A_5_MB_message_over_the_WebSocket_closes_that_connection_and_no_other()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await fixture.CreateRoomAsync(owner);
        await using var sender = fixture.HubConnection(owner, HttpTransportType.WebSockets);
        await using var other = fixture.HubConnection(owner.Colleague(), HttpTransportType.WebSockets);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await sender.StartAsync(Cancel);
        await other.StartAsync(Cancel);

        var sending = sender.InvokeAsync<RoomJoined>(DojoHubNames.Join, new string('x', FiveMegabytes), Cancel);

        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        Assert.Contains("closed the connection with the following error", Assert.IsType<HubException>(error).Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => sending);
        Assert.Equal(0, (await other.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel)).Revision);
    }

    [Fact]
    public async Task SignalR_refusals_over_HTTP_are_problems()
    {
        using var http = fixture.ClientFor(TestUser.NewTenantOwner());
        using var negotiate = await http.PostAsync("/hubs/dojo/negotiate?negotiateVersion=1", null, Cancel);
        var connectionToken = (await negotiate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("connectionToken").GetString();

        // An unknown connection id, over a plain GET and over a WebSocket upgrade.
        using (var unknown = await http.GetAsync("/hubs/dojo?id=no-such-connection", Cancel))
        {
            Assert.Contains("No Connection with that ID", (await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "not-found")).Detail, StringComparison.Ordinal);
        }

        using (var upgrade = new HttpRequestMessage(HttpMethod.Get, "/hubs/dojo?id=no-such-connection"))
        {
            upgrade.Headers.Connection.Add("Upgrade");
            upgrade.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
            upgrade.Headers.Add("Sec-WebSocket-Version", "13");
            upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
            using var refused = await http.SendAsync(upgrade, Cancel);
            await AssertProblemAsync(refused, HttpStatusCode.NotFound, "not-found");
        }

        // No connection id; a transport the hub does not offer (a long poll, a server-sent event stream); a method it does not take.
        using (var noId = await http.GetAsync("/hubs/dojo", Cancel))
        {
            await AssertProblemAsync(noId, HttpStatusCode.BadRequest, "malformed-request");
        }

        using (var longPoll = await http.GetAsync($"/hubs/dojo?id={connectionToken}", Cancel))
        {
            Assert.True((int)longPoll.StatusCode is >= 400 and < 500, $"a long poll got {longPoll.StatusCode}");
            await AssertProblemAsync(longPoll, longPoll.StatusCode, null);
        }

        using (var eventStream = new HttpRequestMessage(HttpMethod.Get, $"/hubs/dojo?id={connectionToken}"))
        {
            eventStream.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var refused = await http.SendAsync(eventStream, Cancel);
            Assert.True((int)refused.StatusCode is >= 400 and < 500, $"an event stream got {refused.StatusCode}: {await refused.Content.ReadAsStringAsync(Cancel)}");
            await AssertProblemAsync(refused, refused.StatusCode, null);
        }

        using (var put = await http.PutAsync($"/hubs/dojo?id={connectionToken}", new StringContent("x"), Cancel))
        {
            await AssertProblemAsync(put, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        }

        // Without a token the hub is not reached at all: the app's own 401.
        using var anonymous = new HttpClient { BaseAddress = fixture.Address };
        using var unauthenticated = await anonymous.PostAsync("/hubs/dojo/negotiate?negotiateVersion=1", null, Cancel);
        await AssertProblemAsync(unauthenticated, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static async Task<Problem> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<Problem>(Cancel))!;
        Assert.Equal((int)status, problem.Status);
        Assert.StartsWith("https://poctracker.dev/problems/", problem.Type, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal(code, problem.Code);
        }

        Assert.False(string.IsNullOrEmpty(problem.TraceId));
        return problem;
    }

    private sealed record Problem(string Type, string Code, int Status, string? Title, string? Detail, string? TraceId);
}

/// <summary>A dojo host on a real loopback port (Kestrel), over a database of the test class's own.</summary>
public sealed class LoopbackDojoFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    private DojoHost host = null!;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        host = new DojoHost(await postgres.NewDatabaseAsync("dojo"));
        Address = host.StartOnLoopback();
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    public IReadOnlyCollection<string> HubRequests => host.HubRequests;

    public HttpClient ClientFor(TestUser user)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DojoHost.TokenFor(user));
        return client;
    }

    public async Task<Guid> CreateRoomAsync(TestUser user)
    {
        using var client = ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("Kata", "csharp", null), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomDto>(TestContext.Current.CancellationToken))!.Id;
    }

    /// <summary>A hub connection (not started) over real TCP with the given transport, negotiating as SignalR's clients do.</summary>
    public HubConnection HubConnection(TestUser user, HttpTransportType transport) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Address, DojoHubNames.Path), options =>
            {
                options.Transports = transport;
                options.AccessTokenProvider = () => Task.FromResult<string?>(DojoHost.TokenFor(user));
            })
            .Build();
}
