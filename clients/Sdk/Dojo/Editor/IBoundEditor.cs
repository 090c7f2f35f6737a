using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Sdk.Dojo.Editor;

/// <summary>
/// What an <see cref="EditorBinding"/> asks of the editor it binds (Monaco in the web app, a native editor on a phone).
/// Every call is made synchronously from the session's events, under the session's lock: do it and return.
/// Offsets are UTF-16 code units of the editor's text, which is LF-only.
/// </summary>
public interface IBoundEditor
{
    /// <summary>The editor's whole text (read on a reset and after a line-ending repair only: it is document-sized).</summary>
    string ReadText();

    /// <summary>
    /// Applies a batch of edits (every offset against the text before the batch, ascending, none overlapping) as one
    /// change that is <b>not</b> reported back as a local edit and pushes no undo stop; then, when
    /// <paramref name="selections"/> is not null, puts the local cursor and selections there (offsets of the text after
    /// the batch), so another's text never drags them along differently from how the others see them.
    /// </summary>
    void ApplyRemote(IReadOnlyList<EditorEdit> edits, IReadOnlyList<PresenceSelection>? selections);

    /// <summary>Turns every line break in the editor's text into LF, silently (Monaco: <c>model.setEOL(LF)</c>).</summary>
    void UseLfLineEndings();

    /// <summary>Draws the other participants' cursors and selections with their names and colours (offsets of the editor's text).</summary>
    void ShowParticipants(IReadOnlyList<DojoRemoteParticipant> participants);
}
