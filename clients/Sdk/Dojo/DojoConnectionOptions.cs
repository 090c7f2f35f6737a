using Microsoft.AspNetCore.Http.Connections.Client;

namespace PocTracker.Sdk.Dojo;

/// <summary>Where the dojo hub is and how to reach it.</summary>
public sealed class DojoConnectionOptions
{
    /// <summary>The server's base address (Standalone, the dojo app or the gateway); the hub's path is added.</summary>
    public required Uri ServerAddress { get; init; }

    /// <summary>
    /// The access token (audience <c>dojo</c>), asked for at every connect and reconnect so a
    /// refreshed token is used: the hub closes a connection when its token expires, and the reconnect
    /// that follows needs a valid one. Throwing or returning no token (the refresh was refused) stops
    /// the reconnecting with an <c>unauthorized</c> error on every session. SignalR sends it as the
    /// Authorization header where it can and as <c>access_token</c> in the query string for browsers' WebSockets.
    /// </summary>
    public required Func<Task<string?>> AccessTokenProvider { get; init; }

    /// <summary>The default <see cref="ReconnectDelays"/>.</summary>
    public static IReadOnlyList<TimeSpan> DefaultReconnectDelays { get; } =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>
    /// Waits before each reconnect attempt, and before each new try of a rejoin that failed on a live
    /// connection; the last one repeats for as long as it takes.
    /// </summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; init; } = DefaultReconnectDelays;

    /// <summary>Changes to the HTTP connection (transports, a test server's handler, headers).</summary>
    public Action<HttpConnectionOptions>? ConfigureHttp { get; init; }
}
