using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Mobile.Core.Dojo;

/// <summary>
/// One dojo room, live: the connection's status, the text and the local cursor the editor shows, the other
/// participants (names, colours, cursors), and <see cref="TypedVersion"/>, which numbers what the person typed so a
/// text handed on late never overwrites a newer one.
/// </summary>
public sealed record RoomState(
    Guid RoomId,
    RoomConnectionStatus Connection,
    bool Joined,
    string Text,
    int Cursor,
    long TypedVersion,
    IReadOnlyList<DojoRemoteParticipant> Participants,
    Failure? Problem);

public abstract record RoomMessage;

/// <summary>The room is joined; the editor holds its text.</summary>
public sealed record RoomJoined(EditorContent Content, RoomConnectionStatus Connection) : RoomMessage;

public sealed record RoomConnectionChanged(RoomConnectionStatus Connection) : RoomMessage;

/// <summary>Someone else changed the text (or the session was reset): the editor's new text and where the cursor went.</summary>
public sealed record RoomTextChanged(EditorContent Content) : RoomMessage;

public sealed record RoomParticipantsChanged(IReadOnlyList<DojoRemoteParticipant> Participants) : RoomMessage;

/// <summary>The platform editor's whole text after the person typed, and its cursor.</summary>
public sealed record EditorTyped(string Text, int Cursor) : RoomMessage;

/// <summary>"Try again": join again after the room could not be joined, or reconnect after the connection gave up.</summary>
public sealed record RoomRejoinRequested : RoomMessage;

public sealed record RoomFailed(RoomEffect Effect, Failure Failure) : RoomMessage;

public abstract record RoomEffect;

/// <summary>Joins the room and reports it until the page closes (then leaves it).</summary>
public sealed record JoinRoom(Guid RoomId) : RoomEffect;

/// <summary>The connection gave up (the phone was offline too long): connect again; the session rejoins with its text.</summary>
public sealed record ReconnectRoom : RoomEffect;

/// <summary>Tells the others where the local cursor is now.</summary>
public sealed record MoveCursor(int Cursor) : RoomEffect;

/// <summary>Hands typed text to the room's editor binding.</summary>
public sealed record SubmitTyped(string Text, int Cursor, long Version) : RoomEffect;

/// <summary>
/// The room page's update. Typing is taken into the state at once (the view shows what the person typed) and handed
/// to the session; the view's echo of a text the state already holds (the editor re-rendered from the state) asks nothing.
/// </summary>
public sealed class RoomPage(Guid roomId) : IPage<RoomState, RoomMessage, RoomEffect>
{
    public Transition<RoomState, RoomEffect> Start() =>
        Transition.To<RoomState, RoomEffect>(new RoomState(roomId, RoomConnectionStatus.Connecting, false, "", 0, 0, [], null), new JoinRoom(roomId));

    public Transition<RoomState, RoomEffect> Update(RoomState state, RoomMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        return message switch
        {
            RoomJoined joined => Stay(state with { Joined = true, Connection = joined.Connection, Text = joined.Content.Text, Cursor = joined.Content.Cursor, Problem = null }),
            RoomConnectionChanged changed => Stay(state with { Connection = changed.Connection }),
            RoomTextChanged changed => Stay(state with { Text = changed.Content.Text, Cursor = changed.Content.Cursor }),
            RoomParticipantsChanged changed => Stay(state with { Participants = changed.Participants }),
            EditorTyped when !state.Joined => Stay(state),
            EditorTyped typed when string.Equals(typed.Text, state.Text, StringComparison.Ordinal) => CursorMoved(state, typed.Cursor),
            EditorTyped typed => Transition.To<RoomState, RoomEffect>(
                state with { Text = typed.Text, Cursor = typed.Cursor, TypedVersion = state.TypedVersion + 1 },
                new SubmitTyped(typed.Text, typed.Cursor, state.TypedVersion + 1)),
            RoomRejoinRequested when state.Joined && state.Connection == RoomConnectionStatus.Disconnected =>
                Transition.To<RoomState, RoomEffect>(state with { Connection = RoomConnectionStatus.Connecting, Problem = null }, new ReconnectRoom()),
            RoomRejoinRequested when state.Joined => Stay(state),
            RoomRejoinRequested => Transition.To<RoomState, RoomEffect>(state with { Connection = RoomConnectionStatus.Connecting, Problem = null }, new JoinRoom(state.RoomId)),
            RoomFailed { Effect: JoinRoom } failed => Stay(state with { Joined = false, Connection = RoomConnectionStatus.Disconnected, Problem = failed.Failure }),
            RoomFailed { Effect: ReconnectRoom } failed => Stay(state with { Connection = RoomConnectionStatus.Disconnected, Problem = failed.Failure }),
            RoomFailed failed => Stay(state with { Problem = failed.Failure }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a room message."),
        };
    }

    public RoomMessage Failed(RoomEffect effect, Failure failure) => new RoomFailed(effect, failure);

    private static Transition<RoomState, RoomEffect> CursorMoved(RoomState state, int cursor)
    {
        var clamped = Math.Clamp(cursor, 0, state.Text.Length);
        return clamped == state.Cursor
            ? Stay(state) // the editor's echo of a render
            : Transition.To<RoomState, RoomEffect>(state with { Cursor = clamped }, new MoveCursor(clamped));
    }

    private static Transition<RoomState, RoomEffect> Stay(RoomState state) => Transition.To<RoomState, RoomEffect>(state);
}
