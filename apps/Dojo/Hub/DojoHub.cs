using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Presence;
using PocTracker.Dojo.RoomHost;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.Hub;

/// <summary>
/// The realtime side of a room (docs/dojo.md, "The protocol"). The tenant is the token's: a room of another tenant
/// is simply not found. Bad input answers the caller's invocation with an error whose message starts
/// with a <see cref="DojoErrorCodes"/> code; the room and its other connections go on untouched.
/// </summary>
internal sealed class DojoHub(IRoomHost rooms, RoomPresence roomPresence, IOptions<PresenceOptions> presenceOptions, IOptions<DojoRoomOptions> roomOptions, DojoMetrics metrics) : Hub<IDojoClient>
{
    private const string JoinedRoomsKey = "dojo.joined-rooms";
    private const int MaxClientIdLength = 64;

    /// <summary>Joins a room of the caller's tenant; returns the document to start from.</summary>
    public async Task<RoomJoined> Join(Guid roomId)
    {
        var user = CurrentUser();
        var name = Context.User?.FindFirst(TenantClaims.Name)?.Value;
        var participant = new RoomParticipant(user.UserId, name);
        var snapshot = await Refusable(() => rooms.JoinAsync(user, roomId, Context.ConnectionId, Context.ConnectionAborted));
        JoinedRooms.Add(roomId);
        // Everyone with their cursors: presence lives beside the room, not in it.
        var participants = roomPresence.Joined(new RoomKey(user.TenantId, roomId), Context.ConnectionId, participant);
        return new RoomJoined(snapshot.Revision, snapshot.Document, participants);
    }

    /// <summary>Submits an operation made on <paramref name="revision"/>; the answer is an <c>Ack</c> or a <c>Resync</c>.</summary>
    public async Task Submit(Guid roomId, string clientId, long seq, int revision, JsonElement operation)
    {
        var user = CheckSubmission(roomId, clientId, seq);
        var submission = new RoomSubmission(Context.ConnectionId, clientId, seq, revision, Parse(operation));
        await Refusable(async () =>
        {
            await rooms.SubmitAsync(user, roomId, submission, Context.ConnectionAborted);
            return true;
        });
    }

    /// <summary>
    /// A whole-text client's new text, edited from the document at <paramref name="revision"/>: the
    /// room diffs it into an operation and treats it as <see cref="Submit"/> would (docs/dojo.md).
    /// </summary>
    public async Task SubmitText(Guid roomId, string clientId, long seq, int revision, string text)
    {
        var user = CheckSubmission(roomId, clientId, seq);
        if (text is null)
        {
            throw Refused(DojoErrorCodes.InvalidSubmission, "The text is missing.");
        }

        var submission = new RoomTextSubmission(Context.ConnectionId, clientId, seq, revision, text);
        await Refusable(async () =>
        {
            await rooms.SubmitTextAsync(user, roomId, submission, Context.ConnectionAborted);
            return true;
        });
    }

    /// <summary>
    /// The caller's cursor and selections, in UTF-16 offsets at <see cref="ParticipantPresence.Revision"/>;
    /// the others receive it as <c>Presence</c>, throttled, and transform it themselves.
    /// </summary>
    public Task UpdatePresence(Guid roomId, ParticipantPresence presence)
    {
        var user = CurrentUser();
        if (!JoinedRooms.Contains(roomId))
        {
            throw Refused(DojoErrorCodes.NotJoined, "Join the room before sending presence to it.");
        }

        if (PresenceRules.Problem(presence, presenceOptions.Value.MaxSelections, roomOptions.Value.MaxDocumentLength) is { } problem)
        {
            throw Refused(DojoErrorCodes.InvalidPresence, problem);
        }

        roomPresence.Update(new RoomKey(user.TenantId, roomId), Context.ConnectionId, presence);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The room's operations after <paramref name="afterRevision"/> (at most
    /// <see cref="DojoHubNames.ReadOperationsPage"/>), from the room host: a client that reconnects
    /// joins again and reads what it missed between its last revision and the joined one, so it can
    /// transform its unacknowledged edits instead of dropping them (docs/dojo.md, "Reconnecting").
    /// </summary>
    public async Task<IReadOnlyList<RoomOperation>> ReadOperations(Guid roomId, int afterRevision)
    {
        var user = CurrentUser();
        if (!JoinedRooms.Contains(roomId))
        {
            throw Refused(DojoErrorCodes.NotJoined, "Join the room before reading its operations.");
        }

        if (afterRevision < 0)
        {
            throw Refused(DojoErrorCodes.InvalidRevision, "The revision is not negative.");
        }

        return await rooms.ReadOperationsAsync(user, roomId, afterRevision, DojoHubNames.ReadOperationsPage, Context.ConnectionAborted);
    }

    /// <summary>Leaves a room: no more operations from it reach this connection.</summary>
    public async Task Leave(Guid roomId)
    {
        if (JoinedRooms.Remove(roomId))
        {
            roomPresence.Left(new RoomKey(CurrentUser().TenantId, roomId), Context.ConnectionId);
            await rooms.LeaveAsync(CurrentUser(), roomId, Context.ConnectionId, Context.ConnectionAborted);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (TenantUser.FromPrincipal(Context.User!) is { } user)
        {
            foreach (var roomId in JoinedRooms)
            {
                roomPresence.Left(new RoomKey(user.TenantId, roomId), Context.ConnectionId);
                await rooms.LeaveAsync(user, roomId, Context.ConnectionId, CancellationToken.None);
            }
        }

        JoinedRooms.Clear();
        await base.OnDisconnectedAsync(exception);
    }

    // SignalR runs one invocation of a connection at a time (MaximumParallelInvocationsPerClient = 1),
    // so this per-connection set needs no lock.
    private HashSet<Guid> JoinedRooms =>
        (HashSet<Guid>)(Context.Items.TryGetValue(JoinedRoomsKey, out var rooms) ? rooms! : Context.Items[JoinedRoomsKey] = new HashSet<Guid>());

    private TenantUser CheckSubmission(Guid roomId, string clientId, long seq)
    {
        var user = CurrentUser();
        if (!JoinedRooms.Contains(roomId))
        {
            throw Refused(DojoErrorCodes.NotJoined, "Join the room before submitting to it.");
        }

        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength || seq < 0)
        {
            throw Refused(DojoErrorCodes.InvalidSubmission, $"clientId is 1 to {MaxClientIdLength} characters and seq is not negative.");
        }

        return user;
    }

    private TenantUser CurrentUser() =>
        TenantUser.FromPrincipal(Context.User!) ?? throw new HubException("The hub requires a tenant user.");

    private TextOperation Parse(JsonElement operation)
    {
        try
        {
            return operation.Deserialize<TextOperation>() ?? throw Refused(DojoErrorCodes.MalformedOperation, "The operation is null.");
        }
        catch (JsonException exception) when (exception.InnerException is TextOperationException inner)
        {
            var code = inner.Error is TextOperationError.CarriageReturn or TextOperationError.LoneSurrogate
                    or TextOperationError.Nul or TextOperationError.NonCharacter
                ? DojoErrorCodes.InvalidText
                : DojoErrorCodes.MalformedOperation;
            throw Refused(code, inner.Message);
        }
        catch (JsonException exception)
        {
            throw Refused(DojoErrorCodes.MalformedOperation, exception.Message);
        }
    }

    private async Task<T> Refusable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RoomRefusedException refused)
        {
            throw Refused(refused.Code, refused.Message);
        }
    }

    private HubException Refused(string code, string detail)
    {
        metrics.Refused(code);
        return new HubException(DojoErrorCodes.Format(code, detail));
    }
}
