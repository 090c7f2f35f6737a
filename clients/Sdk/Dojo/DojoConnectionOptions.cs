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

    /// <summary>The default <see cref="PresenceInterval"/>.</summary>
    public static TimeSpan DefaultPresenceInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A session sends its cursor at most once per this interval (<see cref="DojoSession.SetSelections"/>):
    /// 10 a second by default, a third of the hub's presence limit (30 a second, bursts of 60), and near
    /// the hub's own broadcast interval (75 ms), so a faster rate would reach no one sooner.
    /// </summary>
    public TimeSpan PresenceInterval { get; init; } = DefaultPresenceInterval;

    /// <summary>
    /// The signed-in user's id (the token's <c>sub</c>), when the application knows it: sessions leave
    /// that user out of <see cref="DojoSession.RemoteParticipants"/>. The room lists the caller among
    /// its participants and forwards a user's presence to their other connections (another tab), and
    /// nothing on the wire says which participant is this session's user.
    /// </summary>
    public Guid? UserId { get; init; }

    /// <summary>Changes to the HTTP connection (transports, a test server's handler, headers).</summary>
    public Action<HttpConnectionOptions>? ConfigureHttp { get; init; }
}
