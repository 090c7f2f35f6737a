using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.TestSupport;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// A participant that joins a room and then never reads its socket again (a phone on a dead network,
/// a stuck tab) must not hold up the room: the others keep getting their answers and operations, and
/// the server drops the stuck connection once its outbound queue passes the bound. Over real TCP
/// (Kestrel on loopback): only there does a socket that is not read push back on the server.
/// </summary>
public sealed class StalledReaderTests(PostgresServerFixture postgres)
{
    /// <summary>Each operation replaces the whole text with this many code units: about 200 KB per message, so the stalled socket's buffers fill within a few dozen operations.</summary>
    private const int TextLength = 200_000;

    /// <summary>The test's queue bound: small, so the drop comes soon after the socket's buffers are full.</summary>
    private const int MaxOutboundQueueBytes = 1024 * 1024;

    /// <summary>
    /// Past this many operations without the drop the test fails. 90 × 200 KB = 18 MB, far more than the
    /// stalled socket can hold (the server's send buffer autotunes up to 4 MB on Linux, the client's
    /// receive buffer is pinned small below) plus the queue; and within the submit burst (100), so the
    /// flood limit never refuses one.
    /// </summary>
    private const int MostOperations = 90;

    /// <summary>Operations after the drop, to show the room goes on.</summary>
    private const int OperationsAfterDrop = 5;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_participant_that_stops_reading_is_dropped_and_the_room_goes_on()
    {
        await using var host = new DojoHost(await postgres.NewDatabaseAsync("dojo"), settings: new Dictionary<string, string>
        {
            ["Dojo:Rooms:MaxDocumentLength"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dojo:Rooms:MaxInsertLength"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dojo:Rooms:MaxOutboundQueueBytes"] = MaxOutboundQueueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var address = host.StartOnLoopback();
        using var dropped = new InstrumentRecorder(host.Services.GetRequiredService<IMeterFactory>(), DojoMetrics.Name, "poctracker.dojo.connections.dropped");
        var owner = TestUser.NewTenantOwner();
        var roomId = await CreateRoomAsync(address, owner);

        await using var stalled = await StalledReader.JoinAsync(address, DojoHost.TokenFor(owner.Colleague()), roomId);
        await using var submitter = await ProtocolClient.JoinAsync(await ConnectAsync(address, DojoHost.TokenFor(owner)), roomId);
        await using var watcher = await ProtocolClient.JoinAsync(await ConnectAsync(address, DojoHost.TokenFor(owner.Colleague())), roomId);

        // Each submission waits for its Ack (at most a minute, ProtocolClient): with the room's writer
        // held by the stalled socket, the next Ack never comes.
        var length = 0;
        var text = "";
        var revision = 0;
        var afterDrop = 0;
        var longestWait = TimeSpan.Zero;
        while (afterDrop < OperationsAfterDrop)
        {
            // The longest submission is reported, not asserted on: how long the stalled socket held the room up.
            Assert.True(revision < MostOperations,
                $"the stalled connection was not dropped by its outbound queue after {revision} operations of {TextLength} code units (longest submission {longestWait.TotalMilliseconds:F0} ms)");
            text = new string((char)('a' + revision % 26), TextLength);
            var started = Stopwatch.GetTimestamp();
            await submitter.SubmitAsync("submitter", revision + 1, revision, JsonSerializer.SerializeToElement(TextOperation.Splice(length, 0, length, text)))
                .WaitAsync(TimeSpan.FromSeconds(60), Cancel);
            Assert.Equal((revision + 1L, revision + 1), await submitter.NextAckAsync());
            longestWait = TimeSpan.FromTicks(Math.Max(longestWait.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            revision++;
            length = TextLength;
            if (dropped.Measurements.Count > 0)
            {
                afterDrop++;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"dropped; {revision} operations, the longest submission took {longestWait.TotalMilliseconds:F0} ms");

        // The watcher, reading as usual, got every operation.
        await watcher.WaitUntilAsync(c => c.Revision == revision);
        Assert.Equal(text, watcher.Document);
        Assert.Single(dropped.Measurements);

        // The server closed the stalled connection: reading it now ends (after what its buffers held).
        await stalled.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60), Cancel);
    }

    private static async Task<Guid> CreateRoomAsync(Uri address, TestUser owner)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", DojoHost.TokenFor(owner));
        using var response = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("Kata", "csharp", null), Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomDto>(Cancel))!.Id;
    }

    /// <summary>A started hub connection over real TCP, as the SDK opens it (WebSockets, no negotiation).</summary>
    private static async Task<HubConnection> ConnectAsync(Uri address, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, DojoHubNames.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync(Cancel);
        return connection;
    }

    /// <summary>
    /// A raw WebSocket that does SignalR's JSON handshake, joins, and then reads nothing until told to.
    /// Its TCP receive buffer is pinned small (no autotuning) so the server's writes back up soon. It
    /// keeps pinging as any SignalR client does: a stuck tab still sends, and the server's client
    /// timeout must not be what frees the room.
    /// </summary>
    private sealed class StalledReader : IAsyncDisposable
    {
        private readonly ClientWebSocket socket = new();
        private readonly HttpMessageInvoker invoker;
        private readonly CancellationTokenSource closing = new();
        private readonly SemaphoreSlim sending = new(1, 1);
        private Task keepingAlive = Task.CompletedTask;

        private StalledReader()
        {
            invoker = new HttpMessageInvoker(new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 16 * 1024 };
                    try
                    {
                        await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(tcp, ownsSocket: true);
                    }
                    catch
                    {
                        tcp.Dispose();
                        throw;
                    }
                },
            });
        }

        public static async Task<StalledReader> JoinAsync(Uri address, string token, Guid roomId)
        {
            var reader = new StalledReader();
            reader.socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            var hub = new UriBuilder(new Uri(address, DojoHubNames.Path)) { Scheme = "ws" }.Uri;
            await reader.socket.ConnectAsync(hub, reader.invoker, Cancel);
            await reader.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e");
            await reader.ReadUntilAsync(message => message == "{}");
            await reader.SendAsync($"{{\"type\":1,\"invocationId\":\"join\",\"target\":\"{DojoHubNames.Join}\",\"arguments\":[\"{roomId}\"]}}\u001e");
            await reader.ReadUntilAsync(message => message.Contains("\"type\":3", StringComparison.Ordinal) && message.Contains("\"invocationId\":\"join\"", StringComparison.Ordinal));
            reader.keepingAlive = reader.KeepAliveAsync();
            return reader;
        }

        /// <summary>Reads (and drops) whatever arrives until the server closes or resets the connection.</summary>
        public async Task ReadToEndAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while ((await socket.ReceiveAsync(buffer, Cancel)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (WebSocketException)
            {
                // reset by the server: dropped as well
            }
        }

        public async ValueTask DisposeAsync()
        {
            await closing.CancelAsync();
            await keepingAlive;
            socket.Abort();
            socket.Dispose();
            invoker.Dispose();
            sending.Dispose();
            closing.Dispose();
        }

        private async Task ReadUntilAsync(Func<string, bool> wanted)
        {
            var buffer = new byte[64 * 1024];
            var text = new StringBuilder();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, Cancel);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var messages = text.ToString().Split('\u001e');
                if (messages[..^1].Any(wanted))
                {
                    return;
                }

                text.Clear().Append(messages[^1]);
            }
        }

        /// <summary>A ping every 5 s, as SignalR clients send them (the server's client timeout is 30 s).</summary>
        private async Task KeepAliveAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(closing.Token))
                {
                    await SendAsync("{\"type\":6}\u001e");
                }
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested)
            {
                // disposed
            }
            catch (WebSocketException)
            {
                // the server dropped the connection: nothing left to keep alive
            }
        }

        private async Task SendAsync(string message)
        {
            await sending.WaitAsync(closing.Token);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, closing.Token);
            }
            finally
            {
                sending.Release();
            }
        }
    }
}
