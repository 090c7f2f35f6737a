using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Sdk.Dojo.Editor;

namespace PocTracker.Mobile.Core.Tests.Dojo;

public sealed class WholeTextEditorTests
{
    private sealed class Submitted
    {
        public List<IReadOnlyList<EditorEdit>> Batches { get; } = [];

        public List<IReadOnlyList<PresenceSelection>> Selections { get; } = [];
    }

    private static (WholeTextEditor Editor, Submitted Submitted) Editor(string start)
    {
        var editor = new WholeTextEditor();
        editor.ApplyRemote([new EditorEdit(0, 0, start)], [new PresenceSelection(start.Length, start.Length)]);
        var submitted = new Submitted();
        editor.LocalEdits = submitted.Batches.Add;
        editor.LocalSelections = submitted.Selections.Add;
        return (editor, submitted);
    }

    [Fact]
    public void Typing_at_the_end_submits_an_insert_after_the_kept_text()
    {
        var (editor, submitted) = Editor("hello");

        editor.TypedText("hello world", 11, version: 1);

        var batch = Assert.Single(submitted.Batches);
        var operation = EditorEdits.ToOperation(5, batch);
        Assert.Equal("hello world", operation.Apply("hello"));
        Assert.Equal([new EditorEdit(5, 0, " world")], batch);
        Assert.Equal([new PresenceSelection(11, 11)], submitted.Selections[^1]);
    }

    [Fact]
    public void Deleting_a_word_in_the_middle_submits_only_that_deletion()
    {
        var (editor, submitted) = Editor("one two three");

        editor.TypedText("one three", 4, version: 1);

        var edit = Assert.Single(Assert.Single(submitted.Batches)); // one deletion of four characters (where diff-match-patch cuts it)
        Assert.Equal((4, ""), (edit.RemovedLength, edit.InsertedText));
        Assert.Equal("one three", EditorEdits.Apply("one two three", [edit]));
        Assert.Equal("one three", editor.ReadText());
    }

    [Fact]
    public void An_older_text_handed_on_after_a_newer_one_is_dropped()
    {
        var (editor, submitted) = Editor("");

        Assert.True(editor.TypedText("ab", 2, version: 2));
        Assert.False(editor.TypedText("a", 1, version: 1));

        Assert.Equal("ab", editor.Text);
        Assert.Single(submitted.Batches);
    }

    [Fact]
    public void The_same_text_again_submits_no_edit()
    {
        var (editor, submitted) = Editor("same");

        editor.TypedText("same", 2, version: 1);

        Assert.Empty(submitted.Batches);
        Assert.Equal(2, editor.Cursor);
    }

    [Fact]
    public void A_remote_insert_updates_the_text_and_puts_the_cursor_where_the_binding_says()
    {
        var (editor, _) = Editor("hello world");
        EditorContent? shown = null;
        editor.Changed += c => shown = c;

        // The binding moved the cursor (at 6, before "world") past the 4 characters inserted before it.
        editor.ApplyRemote([new EditorEdit(0, 0, "Oh, ")], [new PresenceSelection(10, 10)]);

        Assert.Equal(new EditorContent("Oh, hello world", 10), shown);
    }

    [Fact]
    public void A_remote_change_without_selections_shifts_the_cursor_by_what_changed_before_it()
    {
        var (editor, _) = Editor("abc def");
        editor.TypedText("abc def", 4, version: 1); // cursor before "def"

        editor.ApplyRemote([new EditorEdit(0, 3, "ABCDE"), new EditorEdit(7, 0, "!")], null);

        Assert.Equal("ABCDE def!", editor.Text);
        Assert.Equal(6, editor.Cursor); // still before "def"; the insert after it does not move it
    }

    [Fact]
    public void Typing_after_a_remote_change_diffs_against_the_remote_text()
    {
        var (editor, submitted) = Editor("x");
        editor.ApplyRemote([new EditorEdit(1, 0, "yz")], [new PresenceSelection(1, 1)]);

        editor.TypedText("xyz!", 4, version: 1);

        var batch = Assert.Single(submitted.Batches);
        var operation = EditorEdits.ToOperation(3, batch);
        Assert.Equal("xyz!", operation.Apply("xyz"));
        Assert.Equal(3, operation.BaseLength);
    }

    [Fact]
    public void Typed_carriage_returns_go_in_as_line_feeds()
    {
        var (editor, submitted) = Editor("");

        editor.TypedText("a\r\nb", 4, version: 1);

        Assert.Equal([new EditorEdit(0, 0, "a\nb")], Assert.Single(submitted.Batches));
        Assert.Equal("a\nb", editor.Text);
        Assert.Equal(3, editor.Cursor);
    }

    [Fact]
    public void Moving_the_cursor_sends_only_a_selection()
    {
        var (editor, submitted) = Editor("abc");

        editor.MovedCursor(99);

        Assert.Empty(submitted.Batches);
        Assert.Equal([new PresenceSelection(3, 3)], submitted.Selections[^1]);
    }
}
