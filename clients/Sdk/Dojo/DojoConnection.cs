using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// One connection to the dojo hub, carrying any number of <see cref="DojoSession"/>s (one per room).
/// It reconnects by itself when the connection drops or the server closes it because its access token
/// expired (as long as it takes, see <see cref="DojoConnectionOptions.ReconnectDelays"/>, asking the
/// token provider again each time), and then every session joins again, catches up and resubmits its
/// edit in flight. Only when the token provider can no longer give a token does it stop: every session
/// then reports a <see cref="DojoException"/> with code <c>unauthorized</c> through its
/// <see cref="DojoSession.Error"/> and keeps its unsent edits until <see cref="ReconnectAsync"/>.
/// </summary>
public sealed class DojoConnection : IAsyncDisposable
{
    private readonly HubConnection hub;
    private readonly HubTransport transport;
    private readonly ConcurrentDictionary<Guid, DojoSession> sessions = new();
    private readonly CancellationTokenSource disposing = new();
    private readonly DojoConnectionOptions options;
    private DojoException? gaveUpBecause;

    public DojoConnection(DojoConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        var accessToken = new HubAccessToken(options.AccessTokenProvider);
        hub = new HubConnectionBuilder()
            .WithUrl(new Uri(options.ServerAddress, DojoHubNames.Path), http =>
            {
                http.AccessTokenProvider = accessToken.GetAsync;
                // The only transport the hub offers, opened without negotiating: one request, the
                // WebSocket itself, so a connection is one socket to whichever replica took it and no
                // load balancer needs affinity between a negotiate and its connect (docs/dojo.md, "Across replicas").
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
                options.ConfigureHttp?.Invoke(http);
            })
            // The hub's payloads through the SDK's generated JSON: a trimmed app (the web app) has no reflection-based
            // serialisation to fall back on.
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, SdkJson.Default))
            .WithAutomaticReconnect(new RetryForever(options.ReconnectDelays, failure =>
            {
                gaveUpBecause = HubAccessToken.Refusal(failure);
                return gaveUpBecause is not null;
            }))
            .Build();
        transport = new HubTransport(hub);
        // Handlers run one at a time in arrival order (SignalR's receive loop), which is revision order.
        hub.On<Guid, List<RoomOperation>>(DojoHubNames.Operations, (roomId, operations) => Session(roomId)?.OnOperations(operations));
        hub.On<Guid, long, int>(DojoHubNames.Ack, (roomId, seq, revision) => Session(roomId)?.OnAck(seq, revision));
        hub.On<Guid, RoomSnapshot>(DojoHubNames.Resync, (roomId, snapshot) => Session(roomId)?.OnResync(snapshot));
        hub.On<Guid, RoomParticipant>(DojoHubNames.Presence, (roomId, participant) => Session(roomId)?.OnPresence(participant));
        // A drop's Reconnecting can run after its Reconnected (HubEventOrder): a stale one does nothing.
        var events = new HubEventOrder(() => hub.State);
        hub.Reconnecting += _ =>
        {
            if (events.IfStill(HubConnectionState.Reconnecting, Disconnected))
            {
                StateChanged?.Invoke(this, HubConnectionState.Reconnecting);
            }

            return Task.CompletedTask;
        };
        hub.Reconnected += newConnectionId =>
        {
            if (events.IfStill(HubConnectionState.Connected, transport.OnConnected))
            {
                StateChanged?.Invoke(this, HubConnectionState.Connected);
                // Not awaited here: joining invokes the hub, whose answers this event's caller may deliver.
                _ = RejoinAllAsync();
            }

            return Task.CompletedTask;
        };
        hub.Closed += _ =>
        {
            // Not guarded like the two above: only ReconnectAsync starts the hub again after it closed, and a
            // session must never think itself joined on a hub that stopped.
            Disconnected();
            StateChanged?.Invoke(this, HubConnectionState.Disconnected);
            if (Interlocked.Exchange(ref gaveUpBecause, null) is { } refusal)
            {
                foreach (var session in sessions.Values)
                {
                    session.OnConnectionEnded(refusal);
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Connected, connecting, reconnecting or disconnected.</summary>
    public HubConnectionState State => hub.State;

    /// <summary>
    /// The connection dropped and is reconnecting, is back (the sessions then join again by themselves), stopped for
    /// good (<see cref="HubConnectionState.Disconnected"/>: no token to be had, or disposed), or was started again
    /// (<see cref="StartAsync"/>, <see cref="ReconnectAsync"/>). What an application shows as "connected / reconnecting /
    /// offline". Raised on SignalR's threads, outside any session's lock.
    /// </summary>
    public event EventHandler<HubConnectionState>? StateChanged;

    /// <summary>Connects to the hub.</summary>
    /// <exception cref="DojoException">Code <c>unauthorized</c>: the token provider has no token, or the hub refused it.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await StartHubAsync(cancellationToken).ConfigureAwait(false);
        transport.OnConnected();
        StateChanged?.Invoke(this, HubConnectionState.Connected);
    }

    private async Task StartHubAsync(CancellationToken cancellationToken)
    {
        try
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (HubAccessToken.Refusal(exception) is { } refusal && !ReferenceEquals(refusal, exception))
        {
            throw refusal; // one error for "no token" and "token refused", whichever way SignalR wrapped it
        }
    }

    /// <summary>
    /// Joins a room and returns its session, holding the room's text. <paramref name="clientId"/>
    /// identifies the session's submissions and must be unique per session (a new GUID by default).
    /// </summary>
    /// <exception cref="DojoException">The room does not exist in the token's tenant (<c>room-not-found</c>) or is closed (<c>room-closed</c>).</exception>
    public async Task<DojoSession> JoinAsync(Guid roomId, string? clientId = null, CancellationToken cancellationToken = default)
    {
        var session = new DojoSession(transport, roomId, clientId ?? Guid.NewGuid().ToString("N"), options.ReconnectDelays, options.UserId, options.PresenceInterval);
        if (!sessions.TryAdd(roomId, session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("This connection has already joined that room.");
        }

        try
        {
            await session.JoinAsync(startOver: false, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            sessions.TryRemove(roomId, out _);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Leaves a session's room and forgets the session.</summary>
    public async Task LeaveAsync(DojoSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (sessions.TryRemove(new KeyValuePair<Guid, DojoSession>(session.RoomId, session)))
        {
            try
            {
                await session.LeaveAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Connects again after the connection was closed for good (stopped, or the server refused a
    /// reconnect) and rejoins every session; automatic reconnects need no call.
    /// </summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken = default)
    {
        if (hub.State == HubConnectionState.Disconnected)
        {
            await StartHubAsync(cancellationToken).ConfigureAwait(false);
            transport.OnConnected();
            StateChanged?.Invoke(this, HubConnectionState.Connected);
        }

        await RejoinAllAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await disposing.CancelAsync().ConfigureAwait(false);
        foreach (var session in sessions.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        sessions.Clear();
        await hub.DisposeAsync().ConfigureAwait(false);
        disposing.Dispose();
    }

    private DojoSession? Session(Guid roomId) => sessions.GetValueOrDefault(roomId);

    private void Disconnected()
    {
        foreach (var session in sessions.Values)
        {
            session.OnDisconnected();
        }
    }

    private async Task RejoinAllAsync()
    {
        foreach (var session in sessions.Values)
        {
            await session.RejoinAsync(startOver: false, disposing.Token).ConfigureAwait(false);
        }
    }
}
