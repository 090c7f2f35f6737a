using System.Net;
using System.Net.WebSockets;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// The application's access-token provider as the hub connection asks it: at every connect and every
/// reconnect (the server closes a connection when its token expires, so a reconnect is how a
/// connection gets a fresh one). A provider that fails or has no token any more — its refresh was
/// refused: the user signed out, or was deactivated — ends the reconnecting with a clear
/// <see cref="DojoErrorCodes.Unauthorized"/> error instead of knocking on the hub forever without a token.
/// </summary>
internal sealed class HubAccessToken(Func<Task<string?>> provider)
{
    /// <summary>The provider's token, or a <see cref="DojoException"/> (<c>unauthorized</c>) when it has none.</summary>
    public async Task<string?> GetAsync()
    {
        string? token;
        try
        {
            token = await provider().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Refused($"The access token provider failed: {exception.Message}", exception);
        }

        return string.IsNullOrEmpty(token) ? throw Refused("The access token provider has no token.", null) : token;
    }

    /// <summary>
    /// Why no (re)connect can succeed, when <paramref name="failure"/> (a failed attempt, possibly
    /// wrapped by SignalR's transports) says so: the provider had no token, or the server refused the
    /// one it gave (401, or 403 for a token not meant for the dojo), on the WebSocket upgrade or an HTTP
    /// request. Null for anything a retry may cure.
    /// </summary>
    public static DojoException? Refusal(Exception? failure)
    {
        var pending = new Stack<Exception>();
        if (failure is not null)
        {
            pending.Push(failure);
        }

        while (pending.TryPop(out var exception))
        {
            switch (exception)
            {
                case DojoException { Code: DojoErrorCodes.Unauthorized } refused:
                    return refused;
                case HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } http:
                    return Refused($"The dojo hub refused the access token ({(int)http.StatusCode}).", http);
                case WebSocketException { WebSocketErrorCode: WebSocketError.NotAWebSocket } upgrade when RefusedUpgradeStatus(upgrade) is { } status:
                    return Refused($"The dojo hub refused the access token ({status}).", upgrade);
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        pending.Push(inner);
                    }

                    break;
                default:
                    if (exception.InnerException is { } cause)
                    {
                        pending.Push(cause);
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// 401 or 403 when the hub answered the WebSocket upgrade with one. The SDK skips negotiation, so
    /// a refused token shows there, not on a negotiate. ClientWebSocket keeps that status only in its
    /// message ("The server returned status code '401' when status code '101' was expected"; .NET's
    /// own messages are not translated) unless asked to collect response details, and SignalR's
    /// transport never hands us its socket to read them from. The functional tests pin it
    /// (HubTransportTests, a refused token over a real socket).
    /// </summary>
    private static int? RefusedUpgradeStatus(WebSocketException upgrade) =>
        upgrade.Message.Contains("'401'", StringComparison.Ordinal) ? 401
        : upgrade.Message.Contains("'403'", StringComparison.Ordinal) ? 403
        : null;

    private static DojoException Refused(string detail, Exception? cause) =>
        new(DojoErrorCodes.Format(DojoErrorCodes.Unauthorized, detail), cause);
}
