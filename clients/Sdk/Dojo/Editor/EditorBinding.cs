using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.Ot.WholeText;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Sdk.Dojo.Editor;

/// <summary>
/// Keeps an editor and a <see cref="DojoSession"/> equal: the contract of docs/dojo.md, "Binding an editor", in one
/// place, so the web app's Monaco and a phone's editor are only the glue of <see cref="IBoundEditor"/>.
/// The editor reports what its user did (<see cref="OnLocalEdits"/>, <see cref="OnLocalSelections"/>) synchronously
/// from its own change events; the binding applies the room's changes to the editor from the session's events.
/// </summary>
/// <remarks>
/// Neither side may change between the editor's change and the session's: call <see cref="OnLocalEdits"/> from the
/// editor's change event itself, before anything awaits (on a single-threaded UI, a remote operation then cannot slip in
/// between). The local selections are kept here too, moved through every operation as ot.js moves a cursor (text inserted
/// at it pushes it right): after a remote operation the editor's cursor is put exactly where the others see it.
/// </remarks>
public sealed class EditorBinding : IDisposable
{
    private readonly DojoSession session;
    private readonly IBoundEditor editor;
    private PresenceSelection[] local = [];
    private bool disposed;

    /// <summary>Brings the editor to the session's text and from then on keeps them equal.</summary>
    public EditorBinding(DojoSession session, IBoundEditor editor)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(editor);
        this.session = session;
        this.editor = editor;
        session.Changed += OnChanged;
        session.PresenceChanged += OnPresenceChanged;
        // The join's text arrived before anyone could listen: it is this binding's first reset.
        session.Edit(text =>
        {
            ResetEditorTo(text);
            editor.ShowParticipants(session.RemoteParticipants);
            return null;
        });
    }

    /// <summary>
    /// The editor's user changed its text: one batch of edits, all against the text before the batch (Monaco's
    /// <c>onDidChangeModelContent</c> changes). Text with CR (a paste the editor did not normalise) goes in with LF and
    /// the editor's line endings are then made LF too; an edit the session refuses puts the session's text back.
    /// </summary>
    public void OnLocalEdits(IReadOnlyList<EditorEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        if (disposed || edits.Count == 0)
        {
            return;
        }

        var hadCarriageReturn = edits.Any(e => e.InsertedText.Contains('\r', StringComparison.Ordinal));
        if (hadCarriageReturn)
        {
            edits = [.. edits.Select(e => e with { InsertedText = WholeTextDiff.Normalise(e.InsertedText) })];
        }

        try
        {
            // The length and the apply are two calls: on a single-threaded UI nothing runs between them; elsewhere an
            // operation that slipped in makes the apply refuse (the lengths differ), and the reset below repairs it.
            var operation = EditorEdits.ToOperation(session.Length, edits);
            session.Apply(operation);
            local = Move(local, operation);
        }
        catch (Exception e) when (e is TextOperationException or ArgumentException)
        {
            // The editor holds text the session does not (a split surrogate pair, a character documents refuse, edits
            // that do not fit): the session's text wins.
            Resynchronise();
            return;
        }

        if (hadCarriageReturn)
        {
            editor.UseLfLineEndings();
            Resynchronise(); // a lone CR before an LF is one line break in the editor, two in the session
        }
    }

    /// <summary>
    /// The editor's whole text replaced its previous one (Monaco's flush, <c>setValue</c>): diffed into an edit, as a
    /// whole-text client's.
    /// </summary>
    public void OnLocalTextReplaced(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (disposed)
        {
            return;
        }

        session.Replace(text);
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            editor.UseLfLineEndings();
        }

        Resynchronise();
    }

    /// <summary>The local cursor and selections moved (anchor and head offsets, the primary first; none on blur).</summary>
    public void OnLocalSelections(IReadOnlyList<PresenceSelection> selections)
    {
        ArgumentNullException.ThrowIfNull(selections);
        if (disposed)
        {
            return;
        }

        local = [.. selections];
        session.SetSelections(selections);
    }

    /// <summary>Stops following the session (the editor keeps its text).</summary>
    public void Dispose()
    {
        disposed = true;
        session.Changed -= OnChanged;
        session.PresenceChanged -= OnPresenceChanged;
    }

    private void OnChanged(object? sender, DojoDocumentChange change)
    {
        if (disposed)
        {
            return;
        }

        if (change is { Kind: DojoChangeKind.Remote, Operation: { } operation })
        {
            local = Move(local, operation);
            editor.ApplyRemote(EditorEdits.FromOperation(operation), local);
        }
        else
        {
            ResetEditorTo(change.Text());
            session.SetSelections(local); // the cursor moved with the new text: the others are told where it is now
        }
    }

    private void OnPresenceChanged(object? sender, IReadOnlyList<DojoRemoteParticipant> participants)
    {
        if (!disposed)
        {
            editor.ShowParticipants(participants);
        }
    }

    /// <summary>Makes the editor's text the session's, with the few edits between them (the cursor stays where the texts agree).</summary>
    private void Resynchronise() => session.Edit(text =>
    {
        ResetEditorTo(text);
        return null;
    });

    private void ResetEditorTo(string text)
    {
        var before = editor.ReadText();
        TextOperation change;
        try
        {
            change = WholeTextDiff.Diff(before, text);
        }
        catch (TextOperationException)
        {
            // The editor holds what no document may (the refused edit itself): no diff from there, the whole text goes.
            change = new TextOperationBuilder().Delete(before.Length).Insert(text).Build();
        }

        if (!change.IsNoop)
        {
            local = Move(local, change); // the cursor stays where the two texts agree
            editor.ApplyRemote(EditorEdits.FromOperation(change), local);
        }
    }

    private static PresenceSelection[] Move(PresenceSelection[] selections, TextOperation operation) =>
        [.. selections.Select(s => new PresenceSelection(
            PresenceTransform.Index(Math.Min(s.Anchor, operation.BaseLength), operation),
            PresenceTransform.Index(Math.Min(s.Head, operation.BaseLength), operation)))];
}
