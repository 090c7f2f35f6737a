using Microsoft.Extensions.Time.Testing;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Sdk.UnitTests.Dojo;

public sealed class SessionPresenceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly Guid Me = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ana = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Bruno = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_move_is_sent_at_once_and_moves_within_the_interval_coalesce_into_the_latest()
    {
        var time = new FakeTimeProvider();
        var room = new ScriptedRoom();
        room.Other(0, "hello world");
        await using var session = await JoinedAsync(room, time);

        session.SetSelections([new(1, 1)]);
        Assert.Equal(new ParticipantPresence(1, [new(1, 1)]), await room.NextPresenceAsync(), PresenceComparer.Instance);
        session.SetSelections([new(2, 2)]);
        session.SetSelections([new(3, 3)]);
        session.SetSelections([new(0, 5), new(8, 8)]);
        Assert.False(room.HasPresence);

        time.Advance(Interval);

        Assert.Equal(new ParticipantPresence(1, [new(0, 5), new(8, 8)]), await room.NextPresenceAsync(), PresenceComparer.Instance);
        time.Advance(Interval);
        Assert.False(room.HasPresence); // nothing moved since: nothing more to send
    }

    [Fact]
    public async Task The_local_cursor_is_sent_on_the_rooms_revision_with_unacknowledged_edits_taken_out()
    {
        var room = new ScriptedRoom();
        room.Other(0, "hello");
        await using var session = await JoinedAsync(room, new FakeTimeProvider());
        session.Apply(TextOperation.Splice(5, 0, 0, "XY")); // in flight: the room's text is still "hello"
        session.Apply(TextOperation.Splice(7, 7, 0, "!"));  // buffered behind it

        session.SetSelections([new(8, 1), new(3, 3)]); // after "XYhello!", inside "XY"

        Assert.Equal(new ParticipantPresence(1, [new(5, 0), new(1, 1)]), await room.NextPresenceAsync(), PresenceComparer.Instance);
    }

    [Fact]
    public async Task Remote_cursors_come_with_name_and_colour_and_follow_every_operation_applied_to_the_local_text()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abcdef");
        room.Participants.AddRange([new RoomParticipant(Me, "me"), new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(4, 4)]))]);
        await using var session = await JoinedAsync(room, new FakeTimeProvider());
        var raised = new List<IReadOnlyList<DojoRemoteParticipant>>();
        session.PresenceChanged += (_, remotes) => raised.Add(remotes);

        var ana = Assert.Single(session.RemoteParticipants); // the signed-in user is left out
        Assert.Equal(new DojoRemoteParticipant(Ana, "Ana", ParticipantColours.Of(Ana), ana.Selections), ana);
        Assert.Equal([new(4, 4)], ana.Selections);

        session.Apply(TextOperation.Splice(6, 0, 0, "12")); // a local edit before her cursor
        Assert.Equal([new(6, 6)], Cursor(session, Ana));
        var theirs = room.Other(1, "Z"); // another's edit before it, transformed onto the local text
        session.OnOperations([theirs]);
        Assert.Equal("12aZbcdef", session.Text);
        Assert.Equal([new(7, 7)], Cursor(session, Ana));
        Assert.Equal(2, raised.Count);
        Assert.Equal([new(7, 7)], raised[^1].Single().Selections);

        // She moves on the room's revision 2 ("aZbcdef"): the local edit in flight is put back in.
        session.OnPresence(new RoomParticipant(Ana, "Ana", new ParticipantPresence(2, [new(0, 2)])));
        Assert.Equal([new(2, 4)], Cursor(session, Ana));

        session.OnPresence(new RoomParticipant(Ana, "Ana", Left: true));
        Assert.Empty(session.RemoteParticipants);
    }

    [Fact]
    public async Task A_presence_ahead_of_the_local_revision_waits_for_it_and_one_behind_is_moved_through_what_followed()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abcdef");
        await using var session = await JoinedAsync(room, new FakeTimeProvider());
        session.OnPresence(new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(3, 3)])));
        var early = room.Other(0, "123"); // revision 2, not yet received
        var later = room.Other(0, "45");  // revision 3

        // Bruno's presence names revision 3 before its operations arrive (presence travels apart).
        session.OnPresence(new RoomParticipant(Bruno, "Bruno", new ParticipantPresence(3, [new(6, 6)])));
        Assert.Empty(Cursor(session, Bruno));

        session.OnOperations([early]);
        Assert.Empty(Cursor(session, Bruno));
        session.OnOperations([later]);
        Assert.Equal("45123abcdef", session.Text);
        Assert.Equal([new(6, 6)], Cursor(session, Bruno));
        Assert.Equal([new(8, 8)], Cursor(session, Ana));

        // Ana reports on revision 1 after both arrived: moved through revisions 2 and 3.
        session.OnPresence(new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(1, 6)])));
        Assert.Equal([new(6, 11)], Cursor(session, Ana));
    }

    [Fact]
    public async Task A_rejoin_takes_the_rooms_list_and_sends_the_local_cursor_again()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abc");
        room.Participants.Add(new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(1, 1)])));
        var time = new FakeTimeProvider();
        await using var session = await JoinedAsync(room, time);
        session.SetSelections([new(2, 2)]);
        await room.NextPresenceAsync();

        session.OnDisconnected();
        room.Participants.Clear(); // Ana left while this session was away; Bruno came
        room.Participants.Add(new RoomParticipant(Bruno, "Bruno", new ParticipantPresence(1, [new(3, 3)])));
        await session.JoinAsync(startOver: false, Cancel);

        Assert.Equal([Bruno], session.RemoteParticipants.Select(p => p.UserId));
        time.Advance(Interval); // still one presence per interval
        Assert.Equal(new ParticipantPresence(1, [new(2, 2)]), await room.NextPresenceAsync(), PresenceComparer.Instance);
    }

    [Fact]
    public async Task A_reset_places_remote_cursors_again_on_the_new_text()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abcdef");
        await using var session = await JoinedAsync(room, new FakeTimeProvider());
        session.OnPresence(new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(2, 6)])));

        session.OnResync(new RoomSnapshot(5, "xyz"));

        Assert.Equal([new(2, 3)], Cursor(session, Ana)); // reported on an older text: clamped until she moves
        session.OnPresence(new RoomParticipant(Ana, "Ana", new ParticipantPresence(5, [new(1, 1)])));
        Assert.Equal([new(1, 1)], Cursor(session, Ana));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)] // inside the insert: where it was inserted
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 6)] // after the deleted "cde"
    [InlineData(6, 7)]
    public void An_offset_of_an_operations_result_goes_back_to_where_it_was(int after, int before)
    {
        var operation = new TextOperationBuilder().Retain(1).Insert("XY").Retain(1).Delete(3).Retain(2).Build(); // "abcdefg" -> "aXYbfg"

        Assert.Equal(before, SessionPresence.BackIndex(after, operation));
    }

    private static IReadOnlyList<PresenceSelection> Cursor(DojoSession session, Guid user) =>
        session.RemoteParticipants.Single(p => p.UserId == user).Selections;

    private static async Task<DojoSession> JoinedAsync(ScriptedRoom room, TimeProvider time)
    {
        var session = new DojoSession(room, Guid.NewGuid(), "me", localUserId: Me, presenceInterval: Interval, time: time);
        await session.JoinAsync(startOver: false, Cancel);
        return session;
    }

    /// <summary>Presences compared by value (the record holds a list).</summary>
    private sealed class PresenceComparer : IEqualityComparer<ParticipantPresence>
    {
        public static PresenceComparer Instance { get; } = new();

        public bool Equals(ParticipantPresence? x, ParticipantPresence? y) =>
            x is not null && y is not null && x.Revision == y.Revision && x.Selections.SequenceEqual(y.Selections);

        public int GetHashCode(ParticipantPresence obj) => obj.Revision;
    }
}
