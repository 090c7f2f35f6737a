using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.Tests.Dojo;

public sealed class RoomsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly RoomsPage Page = new();

    private static RoomDto Room(Guid? pocId = null, bool closed = false) =>
        new(Guid.NewGuid(), "Kata", "csharp", pocId, Guid.NewGuid(), Now, closed ? Now : null);

    [Fact]
    public void A_new_room_is_created_without_blank_fields_and_opened()
    {
        var asked = Page.Update(Page.Start().State, new RoomCreateRequested("  ", "go", null));
        var room = Room();
        var created = Page.Update(asked.State, new RoomCreated(room)).State;

        Assert.Equal([new CreateRoom(new CreateRoomRequest(null, "go"))], asked.Effects);
        Assert.Equal(room, created.Created);
        Assert.Null(Page.Update(created, new RoomOpened()).State.Created);
    }

    [Fact]
    public void Only_an_open_room_closes_and_only_a_room_of_a_poc_saves()
    {
        var open = Room();
        var closed = Room(closed: true);
        var ofPoc = Room(pocId: Guid.NewGuid());
        var state = Page.Update(Page.Start().State, new RoomsListed([open, closed, ofPoc])).State;

        Assert.Equal([new CloseRoom(open.Id)], Page.Update(state, new RoomCloseRequested(open.Id)).Effects);
        Assert.Empty(Page.Update(state, new RoomCloseRequested(closed.Id)).Effects);
        Assert.Empty(Page.Update(state, new RoomSaveToPocRequested(open.Id)).Effects);
        Assert.Equal([new SaveRoomToPoc(ofPoc.Id)], Page.Update(state, new RoomSaveToPocRequested(ofPoc.Id)).Effects);
    }

    [Fact]
    public async Task Closing_a_room_lists_the_rooms_again()
    {
        var room = Room();
        var api = Substitute.For<IRoomsApi>();
        api.ListAsync(Arg.Any<CancellationToken>()).Returns([room], [room with { ClosedAt = Now }]);
        await using var loop = new PageLoop<RoomsState, RoomsMessage, RoomsEffect>(Page, new RoomsEffects(api));
        loop.Start();
        await loop.IdleAsync();

        loop.Dispatch(new RoomCloseRequested(room.Id));
        await loop.IdleAsync();

        await api.Received(1).CloseAsync(room.Id, Arg.Any<CancellationToken>());
        Assert.NotNull(Assert.Single(loop.State.Rooms).ClosedAt);
        Assert.Null(loop.State.Working);
    }

    [Fact]
    public async Task Saving_to_the_poc_shows_the_note_made()
    {
        var room = Room(pocId: Guid.NewGuid());
        var note = new CodeNoteDto(Guid.NewGuid(), room.PocId!.Value, "Kata", "csharp", "x", 1, "dojo", Guid.NewGuid(), Now);
        var api = Substitute.For<IRoomsApi>();
        api.ListAsync(Arg.Any<CancellationToken>()).Returns([room]);
        api.SaveToPocAsync(room.Id, Arg.Any<CancellationToken>()).Returns(note);
        await using var loop = new PageLoop<RoomsState, RoomsMessage, RoomsEffect>(Page, new RoomsEffects(api));
        loop.Start();
        await loop.IdleAsync();

        loop.Dispatch(new RoomSaveToPocRequested(room.Id));
        await loop.IdleAsync();

        Assert.Equal(note, loop.State.SavedNote);
    }
}
