using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.Dojo;

/// <summary>
/// The dojo's rooms: the list (open ones first, as the server sends them), a room just created (the shell opens its
/// page), a room being closed or saved, and the code note a save made in the room's POC.
/// </summary>
public sealed record RoomsState(
    IReadOnlyList<RoomDto> Rooms,
    bool Loading,
    bool Creating,
    Guid? Working,
    RoomDto? Created,
    CodeNoteDto? SavedNote,
    Failure? Problem);

public abstract record RoomsMessage;

public sealed record RoomsListed(IReadOnlyList<RoomDto> Rooms) : RoomsMessage;

public sealed record RoomsRefreshRequested : RoomsMessage;

/// <summary>"New room": a name and a language (both optional: the server names it), tied to a POC when opened from one.</summary>
public sealed record RoomCreateRequested(string? Name, string? Language, Guid? PocId) : RoomsMessage;

public sealed record RoomCreated(RoomDto Room) : RoomsMessage;

/// <summary>The shell opened the created room's page.</summary>
public sealed record RoomOpened : RoomsMessage;

public sealed record RoomCloseRequested(Guid RoomId) : RoomsMessage;

public sealed record RoomClosed(Guid RoomId) : RoomsMessage;

public sealed record RoomSaveToPocRequested(Guid RoomId) : RoomsMessage;

public sealed record RoomSavedToPoc(Guid RoomId, CodeNoteDto Note) : RoomsMessage;

public sealed record RoomsFailed(RoomsEffect Effect, Failure Failure) : RoomsMessage;

public abstract record RoomsEffect;

public sealed record ListRooms : RoomsEffect;

public sealed record CreateRoom(CreateRoomRequest Request) : RoomsEffect;

public sealed record CloseRoom(Guid RoomId) : RoomsEffect;

public sealed record SaveRoomToPoc(Guid RoomId) : RoomsEffect;

/// <summary>The rooms page's update: one change to a room at a time; a closed room is re-listed (the server has its closing time).</summary>
public sealed class RoomsPage : IPage<RoomsState, RoomsMessage, RoomsEffect>
{
    public Transition<RoomsState, RoomsEffect> Start() =>
        Transition.To<RoomsState, RoomsEffect>(new RoomsState([], true, false, null, null, null, null), new ListRooms());

    public Transition<RoomsState, RoomsEffect> Update(RoomsState state, RoomsMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        return message switch
        {
            RoomsListed listed => Stay(state with { Rooms = listed.Rooms, Loading = false }),
            RoomsRefreshRequested => Transition.To<RoomsState, RoomsEffect>(state with { Loading = true }, new ListRooms()),
            RoomCreateRequested when state.Creating => Stay(state),
            RoomCreateRequested asked => Transition.To<RoomsState, RoomsEffect>(
                state with { Creating = true, Problem = null },
                new CreateRoom(new CreateRoomRequest(Blank(asked.Name), Blank(asked.Language), asked.PocId))),
            RoomCreated created => Stay(state with { Creating = false, Created = created.Room, Rooms = [created.Room, .. state.Rooms] }),
            RoomOpened => Stay(state with { Created = null }),
            RoomCloseRequested asked when state.Working is null && Open(state, asked.RoomId) is not null =>
                Transition.To<RoomsState, RoomsEffect>(state with { Working = asked.RoomId, Problem = null }, new CloseRoom(asked.RoomId)),
            RoomSaveToPocRequested asked when state.Working is null && state.Rooms.Any(r => r.Id == asked.RoomId && r.PocId is not null) =>
                Transition.To<RoomsState, RoomsEffect>(state with { Working = asked.RoomId, Problem = null, SavedNote = null }, new SaveRoomToPoc(asked.RoomId)),
            RoomCloseRequested or RoomSaveToPocRequested => Stay(state),
            RoomClosed => Transition.To<RoomsState, RoomsEffect>(state with { Working = null, Loading = true }, new ListRooms()),
            RoomSavedToPoc saved => Stay(state with { Working = null, SavedNote = saved.Note }),
            RoomsFailed failed => Stay(state with
            {
                Problem = failed.Failure,
                Loading = failed.Effect is ListRooms ? false : state.Loading,
                Creating = failed.Effect is CreateRoom ? false : state.Creating,
                Working = failed.Effect is CloseRoom or SaveRoomToPoc ? null : state.Working,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a rooms message."),
        };
    }

    public RoomsMessage Failed(RoomsEffect effect, Failure failure) => new RoomsFailed(effect, failure);

    private static Transition<RoomsState, RoomsEffect> Stay(RoomsState state) => Transition.To<RoomsState, RoomsEffect>(state);

    private static RoomDto? Open(RoomsState state, Guid roomId) => state.Rooms.FirstOrDefault(r => r.Id == roomId && r.ClosedAt is null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
