using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Dojo.Editor;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Sdk.UnitTests.Dojo;

/// <summary>
/// <see cref="EditorBinding"/> against a scripted room and an editor that is a string with a cursor, edited as Monaco
/// edits its model (a batch in pre-edit offsets). What Monaco itself does with the calls is the browser tests' part.
/// </summary>
public sealed class EditorBindingTests
{
    private static readonly Guid Me = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ana = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_editor_starts_with_the_rooms_text_and_shows_who_is_there()
    {
        var room = new ScriptedRoom();
        room.Other(0, "hello");
        room.Participants.AddRange([new RoomParticipant(Me, "me"), new RoomParticipant(Ana, "Ana", new ParticipantPresence(1, [new(2, 4)]))]);
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();

        using var binding = new EditorBinding(session, editor);

        Assert.Equal("hello", editor.Text);
        var ana = Assert.Single(editor.Participants);
        Assert.Equal(("Ana", ParticipantColours.Of(Ana)), (ana.Name, ana.Colour));
        Assert.Equal([new(2, 4)], ana.Selections);
    }

    [Fact]
    public async Task A_local_batch_becomes_one_operation_on_the_session()
    {
        var room = new ScriptedRoom();
        room.Other(0, "one two three");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);

        // A multi-cursor edit, reported last first as Monaco does, all against the text before it.
        editor.Type(binding, [new EditorEdit(8, 5, "3"), new EditorEdit(4, 3, "2"), new EditorEdit(0, 3, "1")]);

        Assert.Equal(("1 2 3", "1 2 3"), (editor.Text, session.Text));
        var (_, _, revision, operation) = await room.NextSubmissionAsync();
        Assert.Equal(("1 2 3", 1), (operation.Apply("one two three"), revision));
    }

    [Fact]
    public async Task A_remote_operation_reaches_the_editor_without_echo_and_the_cursor_moves_as_the_others_see_it()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abcdef");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);
        editor.Select(binding, [new(3, 3)]);

        Deliver(session, room.Other(3, "XY"));   // exactly at the cursor: pushed right, as ot.js pushes it for everyone else
        Assert.Equal(("abcXYdef", "abcXYdef"), (editor.Text, session.Text));
        Assert.Equal([new(5, 5)], editor.Selections);

        Deliver(session, room.Other(8, "!"));    // after it: stays
        Assert.Equal([new(5, 5)], editor.Selections);
        Deliver(session, room.Other(0, ">> "));  // before it: moves with its character
        Assert.Equal([new(8, 8)], editor.Selections);
        Assert.Equal(">> abcXYdef!", editor.Text);
        Assert.False(room.HasSubmission); // nothing of theirs is sent back
    }

    [Fact]
    public async Task A_remote_operation_transformed_against_local_typing_leaves_both_texts_equal()
    {
        var room = new ScriptedRoom();
        room.Other(0, "let x = 1;");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);

        editor.Type(binding, [new EditorEdit(10, 0, "\nlet y = 2;")]);       // in flight
        editor.Type(binding, [new EditorEdit(21, 0, "\n")]);                 // buffered
        Deliver(session, room.Other(4, "long"));                             // made on revision 1, before ours

        Assert.Equal("let longx = 1;\nlet y = 2;\n", editor.Text);
        Assert.Equal(editor.Text, session.Text);
    }

    [Fact]
    public async Task A_reset_is_applied_as_the_few_edits_between_the_texts_so_the_cursor_stays_where_they_agree()
    {
        var room = new ScriptedRoom();
        room.Other(0, "first line\nsecond line\n");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);
        editor.Select(binding, [new(17, 17)]); // in "second"

        session.OnResync(new RoomSnapshot(7, "first LINE\nsecond line\n"));

        Assert.Equal("first LINE\nsecond line\n", editor.Text);
        Assert.Equal([new(17, 17)], editor.Selections);
        Assert.True(editor.Batches.Last().Count <= 2, "a few edits, not the whole text again");
    }

    [Fact]
    public async Task Pasted_line_endings_become_LF_in_the_session_and_in_the_editor()
    {
        var room = new ScriptedRoom();
        room.Other(0, "ab");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);

        editor.Type(binding, [new EditorEdit(1, 0, "x\r\ny\rz")]);

        Assert.Equal(("ax\ny\nzb", "ax\ny\nzb"), (session.Text, editor.Text));
    }

    [Fact]
    public async Task An_edit_the_session_refuses_puts_the_sessions_text_back_in_the_editor()
    {
        var room = new ScriptedRoom();
        room.Other(0, "ok");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        using var binding = new EditorBinding(session, editor);

        editor.Type(binding, [new EditorEdit(1, 0, "\0")]); // NUL: no document may hold it

        Assert.Equal(("ok", "ok"), (session.Text, editor.Text));
    }

    [Fact]
    public async Task Local_selections_are_sent_and_an_empty_list_says_the_editor_lost_focus()
    {
        var room = new ScriptedRoom();
        room.Other(0, "hello");
        await using var session = await JoinedAsync(room);
        using var binding = new EditorBinding(session, new StringEditor());

        binding.OnLocalSelections([new(1, 4)]);
        Assert.Equal([new(1, 4)], (await room.NextPresenceAsync()).Selections);
    }

    [Fact]
    public async Task After_dispose_the_editor_is_left_alone()
    {
        var room = new ScriptedRoom();
        room.Other(0, "abc");
        await using var session = await JoinedAsync(room);
        var editor = new StringEditor();
        var binding = new EditorBinding(session, editor);

        binding.Dispose();
        Deliver(session, room.Other(0, "Z"));

        Assert.Equal(("abc", "Zabc"), (editor.Text, session.Text));
    }

    private static void Deliver(DojoSession session, RoomOperation operation) =>
        session.OnOperations([operation]);

    private static async Task<DojoSession> JoinedAsync(ScriptedRoom room)
    {
        var session = new DojoSession(room, Guid.NewGuid(), "me", localUserId: Me, presenceInterval: TimeSpan.FromMilliseconds(1));
        await session.JoinAsync(startOver: false, Cancel);
        return session;
    }

    /// <summary>
    /// An editor as Monaco behaves for the binding: its text changes by batches in pre-edit offsets; a user's change is
    /// reported at once by the test (<see cref="Type"/>), the binding's own changes never (no echo).
    /// </summary>
    private sealed class StringEditor : IBoundEditor
    {

        public string Text { get; private set; } = "";

        public IReadOnlyList<PresenceSelection> Selections { get; private set; } = [];

        public IReadOnlyList<DojoRemoteParticipant> Participants { get; private set; } = [];

        public List<IReadOnlyList<EditorEdit>> Batches { get; } = [];

        public void Type(EditorBinding binding, IReadOnlyList<EditorEdit> edits)
        {
            Text = EditorEdits.Apply(Text, edits);
            binding.OnLocalEdits(edits);
        }

        public void Select(EditorBinding binding, IReadOnlyList<PresenceSelection> selections)
        {
            Selections = selections;
            binding.OnLocalSelections(selections);
        }

        public string ReadText() => Text;

        public void ApplyRemote(IReadOnlyList<EditorEdit> edits, IReadOnlyList<PresenceSelection>? selections)
        {
            Batches.Add(edits);
            Text = EditorEdits.Apply(Text, edits);
            if (selections is { Count: > 0 })
            {
                Selections = selections;
            }
        }

        public void UseLfLineEndings() => Text = Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

        public void ShowParticipants(IReadOnlyList<DojoRemoteParticipant> participants) => Participants = participants;
    }
}
