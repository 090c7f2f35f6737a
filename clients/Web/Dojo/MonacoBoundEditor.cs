using Microsoft.JSInterop;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Sdk.Dojo.Editor;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Web.Dojo;

/// <summary>
/// A Monaco editor as the SDK's <see cref="EditorBinding"/> sees it: every call goes to the dojo's JavaScript module
/// (DojoEditor.razor.js) synchronously, and the module calls back synchronously from Monaco's own events, so the editor's
/// model and the session change in the same turn of the page's single thread (docs/web.md, "Dojo").
/// </summary>
public sealed class MonacoBoundEditor(IJSInProcessObjectReference module, string editorId) : IBoundEditor, IDisposable
{
    private DotNetObjectReference<MonacoBoundEditor>? self;
    private EditorBinding? binding;

    /// <summary>Binds the editor to a session: the editor takes the session's text, and from then on both stay equal.</summary>
    public EditorBinding Bind(Sdk.Dojo.DojoSession session)
    {
        self = DotNetObjectReference.Create(this);
        module.InvokeVoid("attach", editorId, self);
        binding = new EditorBinding(session, this);
        return binding;
    }

    [JSInvokable]
    public void OnEdits(int[] numbers, string[] texts)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(texts);
        var edits = new EditorEdit[texts.Length];
        for (var i = 0; i < edits.Length; i++)
        {
            edits[i] = new EditorEdit(numbers[2 * i], numbers[(2 * i) + 1], texts[i]);
        }

        binding?.OnLocalEdits(edits);
    }

    [JSInvokable]
    public void OnTextReplaced(string text) => binding?.OnLocalTextReplaced(text);

    [JSInvokable]
    public void OnSelections(int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var selections = new PresenceSelection[offsets.Length / 2];
        for (var i = 0; i < selections.Length; i++)
        {
            selections[i] = new PresenceSelection(offsets[2 * i], offsets[(2 * i) + 1]);
        }

        binding?.OnLocalSelections(selections);
    }

    public string ReadText() => module.Invoke<string>("readText", editorId);

    public void ApplyRemote(IReadOnlyList<EditorEdit> edits, IReadOnlyList<PresenceSelection>? selections)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var numbers = new int[edits.Count * 2];
        var texts = new string[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            (numbers[2 * i], numbers[(2 * i) + 1], texts[i]) = (edits[i].Offset, edits[i].RemovedLength, edits[i].InsertedText);
        }

        module.InvokeVoid("applyRemote", editorId, numbers, texts, Offsets(selections ?? []));
    }

    public void UseLfLineEndings() => module.InvokeVoid("useLfLineEndings", editorId);

    public void ShowParticipants(IReadOnlyList<DojoRemoteParticipant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var colours = participants.Select(p => ParticipantPalette.IndexOf(p.Colour)).ToArray();
        module.InvokeVoid(
            "showParticipants",
            editorId,
            participants.Select(p => p.UserId.ToString()).ToArray(),
            participants.Select(p => p.Name ?? "").ToArray(),
            colours,
            participants.Select(p => p.Selections.Count).ToArray(),
            Offsets(participants.SelectMany(p => p.Selections).ToArray()));
    }

    public void Dispose()
    {
        binding?.Dispose();
        binding = null;
        module.InvokeVoid("detach", editorId);
        self?.Dispose();
    }

    private static int[] Offsets(IReadOnlyList<PresenceSelection> selections)
    {
        var offsets = new int[selections.Count * 2];
        for (var i = 0; i < selections.Count; i++)
        {
            (offsets[2 * i], offsets[(2 * i) + 1]) = (selections[i].Anchor, selections[i].Head);
        }

        return offsets;
    }
}
