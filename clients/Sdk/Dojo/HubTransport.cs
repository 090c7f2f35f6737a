using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// A session's calls over the dojo hub; the hub's refusals become <see cref="DojoException"/>s with
/// their code. A call the hub's flood limit turned away (<c>rate-limited</c>, "retry after N ms") is
/// made again after that wait: the limit protects the room from floods, not from an editor catching up.
/// </summary>
internal sealed class HubTransport(HubConnection hub) : IDojoSessionTransport
{
    private const int RateLimitedRetries = 50;

    private long connections;

    /// <summary>
    /// Counts the hub's connections rather than reading <see cref="HubConnection.ConnectionId"/>, which is
    /// null on a WebSocket connection made without negotiation: with it, a session could not tell "the same
    /// connection, try the join again" from "a new connection, the reconnect joins", and a join that failed on
    /// a live connection was never tried again (the session stayed connected but out of its room).
    /// </summary>
    public string? ConnectionId => hub.State == HubConnectionState.Connected
        ? Volatile.Read(ref connections).ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>The hub has connected, or connected again: a new <see cref="ConnectionId"/>.</summary>
    public void OnConnected() => Interlocked.Increment(ref connections);

    public Task<RoomJoined> JoinAsync(Guid roomId, CancellationToken cancellationToken) =>
        Call(() => hub.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, cancellationToken));

    public Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(Guid roomId, int afterRevision, CancellationToken cancellationToken) =>
        Call(async () => (IReadOnlyList<RoomOperation>)await hub.InvokeAsync<List<RoomOperation>>(DojoHubNames.ReadOperations, roomId, afterRevision, cancellationToken).ConfigureAwait(false));

    public Task SubmitAsync(Guid roomId, string clientId, long seq, int revision, TextOperation operation, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await hub.InvokeAsync(DojoHubNames.Submit, roomId, clientId, seq, revision, operation, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task LeaveAsync(Guid roomId, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await hub.InvokeAsync(DojoHubNames.Leave, roomId, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task UpdatePresenceAsync(Guid roomId, ParticipantPresence presence, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await hub.InvokeAsync(DojoHubNames.UpdatePresence, roomId, presence, cancellationToken).ConfigureAwait(false);
            return true;
        });

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (HubException exception) when (attempt < RateLimitedRetries && DojoErrorCodes.RetryAfter(exception.Message) is { } wait)
            {
                await Task.Delay(wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (HubException exception)
            {
                throw new DojoException(exception.Message, exception);
            }
        }
    }
}
