using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot.WholeText;
using PocTracker.Sdk.Dojo.Editor;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Mobile.Core.Dojo;

/// <summary>What the room's editor shows after a change from the room: the whole text and where the local cursor is.</summary>
public sealed record EditorContent(string Text, int Cursor);

/// <summary>
/// The <see cref="IBoundEditor"/> of a phone's plain text box (MAUI's <c>Editor</c>), which reports only its whole new
/// text after each keystroke, never the change. The core keeps the text the box showed last; each new text becomes
/// edits with <see cref="EditorEdits.Between"/> (diff-match-patch, what the server's <c>SubmitText</c> does) handed to
/// the SDK's <see cref="EditorBinding"/> through <see cref="LocalEdits"/>. The room's changes come back through
/// <see cref="ApplyRemote"/>, which raises <see cref="Changed"/> with the new text and the cursor the binding moved
/// through the operation (text inserted before it pushes it right), so the view re-renders both.
/// </summary>
/// <remarks>
/// Calls arrive from the session's events under the session's lock, and local text is handed in under that same lock
/// (<see cref="Server.IDojoRoomSession.SubmitText"/>), so this needs no lock of its own: the two directions never
/// interleave. A whole-text editor cannot tell a remote change it has not rendered yet from a local deletion; the
/// version given to <see cref="TypedText"/> at least drops texts older than one already submitted.
/// </remarks>
public sealed class WholeTextEditor : IBoundEditor
{
    private string text = "";
    private int cursor;
    private long lastVersion = long.MinValue;

    /// <summary>Where the edits of each typed text go: the binding's <see cref="EditorBinding.OnLocalEdits"/>.</summary>
    public Action<IReadOnlyList<EditorEdit>>? LocalEdits { get; set; }

    /// <summary>Where the cursor goes after each typed text: the binding's <see cref="EditorBinding.OnLocalSelections"/>.</summary>
    public Action<IReadOnlyList<PresenceSelection>>? LocalSelections { get; set; }

    /// <summary>Raised after the room changed the text (or the line endings were repaired).</summary>
    public event Action<EditorContent>? Changed;

    /// <summary>Raised when the other participants moved, came or went.</summary>
    public event Action<IReadOnlyList<DojoRemoteParticipant>>? ParticipantsChanged;

    /// <summary>The text the editor holds now.</summary>
    public string Text => text;

    /// <summary>The local cursor's offset.</summary>
    public int Cursor => cursor;

    /// <summary>
    /// The text box's whole new text after the person typed, with its cursor. A <paramref name="version"/> not newer
    /// than the last one taken is dropped (typing handed on out of order: the newer text already says it all).
    /// </summary>
    /// <returns>Whether the text was taken.</returns>
    public bool TypedText(string newText, int newCursor, long version)
    {
        ArgumentNullException.ThrowIfNull(newText);
        if (version <= lastVersion)
        {
            return false;
        }

        lastVersion = version;
        // Room documents are LF-only: a pasted CRLF goes in as LF (the view shows the state's text, LF, on its next render).
        newText = WholeTextDiff.Normalise(newText);
        var edits = EditorEdits.Between(text, newText);
        text = newText;
        cursor = Math.Clamp(newCursor, 0, newText.Length);
        if (edits.Count > 0)
        {
            LocalEdits?.Invoke(edits);
        }

        LocalSelections?.Invoke([new PresenceSelection(cursor, cursor)]);
        return true;
    }

    /// <summary>The person moved the cursor without changing the text: the others see it move.</summary>
    public void MovedCursor(int newCursor)
    {
        cursor = Math.Clamp(newCursor, 0, text.Length);
        LocalSelections?.Invoke([new PresenceSelection(cursor, cursor)]);
    }

    public string ReadText() => text;

    public void ApplyRemote(IReadOnlyList<EditorEdit> edits, IReadOnlyList<PresenceSelection>? selections)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var before = text;
        text = EditorEdits.Apply(text, edits);
        cursor = selections is [var primary, ..]
            ? Math.Clamp(primary.Head, 0, text.Length)
            : MovedThrough(cursor, edits);
        if (!string.Equals(before, text, StringComparison.Ordinal))
        {
            Changed?.Invoke(new EditorContent(text, cursor));
        }
    }

    public void UseLfLineEndings()
    {
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (lf != text)
        {
            text = lf;
            cursor = Math.Min(cursor, text.Length);
            Changed?.Invoke(new EditorContent(text, cursor));
        }
    }

    public void ShowParticipants(IReadOnlyList<DojoRemoteParticipant> participants) => ParticipantsChanged?.Invoke(participants);

    /// <summary>The cursor after a batch when the binding gave no selections: text changed before it shifts it; inside a replaced range it goes to the range's end.</summary>
    private static int MovedThrough(int offset, IReadOnlyList<EditorEdit> edits)
    {
        var moved = offset;
        foreach (var edit in edits)
        {
            if (edit.Offset + edit.RemovedLength <= offset)
            {
                moved += edit.InsertedText.Length - edit.RemovedLength;
            }
            else if (edit.Offset < offset)
            {
                moved += edit.Offset + edit.InsertedText.Length - offset;
            }
        }

        return Math.Max(0, moved);
    }
}
