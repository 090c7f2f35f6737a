using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// An editor on the SDK (<see cref="DojoConnection"/> and <see cref="DojoSession"/>) over the test
/// server's WebSockets, which can lose its connection on demand (<see cref="Drop"/> aborts the socket
/// under the SDK, as a dropped network does) and then reconnects by itself.
/// </summary>
internal sealed class SdkParticipant : IAsyncDisposable
{
    private static readonly string[] Snippets = ["a", "b", "x", "é", "ç", "ã", "😀", "🇧🇷", "\n", "  ", "if", "{}", "Olá"];

    private readonly List<Exception> errors = [];
    private readonly List<(long Seq, int Revision)> acks = [];
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

    /// <summary>The (seq, revision) of every acknowledgement the session counted, in order.</summary>
    public IReadOnlyList<(long Seq, int Revision)> Acks
    {
        get
        {
            lock (acks)
            {
                return [.. acks];
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
        participant.Listen();
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
        participant.Listen();
        return participant;
    }

    /// <summary>One random keystroke, paste or deletion on the session's current text (whole characters only).</summary>
    public void TypeRandomEdit(Random random) =>
        Session.Edit(text =>
        {
            var position = Boundary(text, random.Next(text.Length + 1));
            if (text.Length > 0 && random.Next(5) == 0)
            {
                var end = Boundary(text, Math.Min(text.Length, position + random.Next(1, 4)));
                return TextOperation.Splice(text.Length, position, end - position, "");
            }

            return TextOperation.Splice(text.Length, position, 0, Snippets[random.Next(Snippets.Length)]);
        });

    /// <summary>Completes when <paramref name="condition"/> holds for the session; fails after a generous timeout.</summary>
    public Task WaitUntilAsync(Func<DojoSession, bool> condition) =>
        Session.WaitUntilAsync(condition, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    /// <summary>Where the editor stands, for a test that gave up waiting on it.</summary>
    public string Describe() =>
        $"{Session.ClientId}: {Connection.State}, joined {Session.IsJoined}, synchronized {Session.IsSynchronized}, " +
        $"revision {Session.Revision}, rejoins {Session.Rejoins}, resets {Session.Resets}, errors [{string.Join(" | ", Errors.Select(e => e.Message))}]";

    /// <summary>Loses the connection abruptly; the SDK reconnects, joins again and resubmits.</summary>
    public void Drop() => socket?.Abort();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static int Boundary(string text, int position) =>
        position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position])
            ? position + 1
            : position;

    private void Listen()
    {
        Session.Error += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        Session.Acknowledged += (_, acknowledged) =>
        {
            lock (acks)
            {
                acks.Add((acknowledged.Seq, acknowledged.Revision));
            }
        };
    }
}
