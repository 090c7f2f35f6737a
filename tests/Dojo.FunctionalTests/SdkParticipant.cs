using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// An editor on the SDK (<see cref="DojoConnection"/> and <see cref="DojoSession"/>) over the test
/// server's WebSockets, which can lose its connection on demand (<see cref="Drop"/> aborts the socket
/// under the SDK, as a dropped network does) and then reconnects by itself.
/// </summary>
internal sealed class SdkParticipant : IAsyncDisposable
{
    private readonly List<Exception> errors = [];
    private WebSocket? socket;

    private SdkParticipant(DojoConnection connection) => Connection = connection;

    public DojoConnection Connection { get; }

    public DojoSession Session { get; private set; } = null!;

    /// <summary>Background errors the session reported (refusals, failed rejoins).</summary>
    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    public static Task<SdkParticipant> JoinAsync(DojoHost host, string token, Guid roomId, string? clientId = null) =>
        JoinAsync(host, () => Task.FromResult<string?>(token), roomId, clientId);

    /// <summary>
    /// An editor whose connection asks <paramref name="accessTokens"/> for its token at every connect
    /// and reconnect, as an application's token cache does (through the SDK's own provider, so what the
    /// SDK makes of a failing provider is what is tested).
    /// </summary>
    public static async Task<SdkParticipant> JoinAsync(DojoHost host, Func<Task<string?>> accessTokens, Guid roomId, string? clientId = null)
    {
        var server = host.Server;
        SdkParticipant? participant = null;
        var connection = new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = server.BaseAddress,
            AccessTokenProvider = accessTokens,
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)],
            ConfigureHttp = options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    // A custom factory is handed no token: ask the SDK's provider as its own factory would,
                    // and put the token in the query (the test server's WebSockets take no headers), as browsers send it.
                    var token = await context.Options.AccessTokenProvider!();
                    var uri = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token!) }.Uri;
                    var webSocket = await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                    participant!.socket = webSocket;
                    return webSocket;
                };
            },
        });
        participant = new SdkParticipant(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        participant.Session = await connection.JoinAsync(roomId, clientId, TestContext.Current.CancellationToken);
        participant.Session.Error += (_, error) =>
        {
            lock (participant.errors)
            {
                participant.errors.Add(error);
            }
        };
        return participant;
    }

    /// <summary>An editor over real loopback TCP to a dojo app process (the SDK's own transport choice).</summary>
    public static async Task<SdkParticipant> JoinOverLoopbackAsync(Uri server, string token, Guid roomId, string? clientId = null)
    {
        var connection = new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = server,
            AccessTokenProvider = () => Task.FromResult<string?>(token),
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250)],
        });
        var participant = new SdkParticipant(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        participant.Session = await connection.JoinAsync(roomId, clientId, TestContext.Current.CancellationToken);
        participant.Session.Error += (_, error) =>
        {
            lock (participant.errors)
            {
                participant.errors.Add(error);
            }
        };
        return participant;
    }

    /// <summary>Where the editor stands, for a test that gave up waiting on it.</summary>
    public string Describe() =>
        $"{Session.ClientId}: {Connection.State} ({Connection.ConnectionId}), joined {Session.IsJoined}, synchronized {Session.IsSynchronized}, " +
        $"revision {Session.Revision}, rejoins {Session.Rejoins}, resets {Session.Resets}, errors [{string.Join(" | ", Errors.Select(e => e.Message))}]";

    /// <summary>Loses the connection abruptly; the SDK reconnects, joins again and resubmits.</summary>
    public void Drop() => socket?.Abort();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
