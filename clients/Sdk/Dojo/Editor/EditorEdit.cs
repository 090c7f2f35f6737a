namespace PocTracker.Sdk.Dojo.Editor;

/// <summary>
/// One change to an editor's text: <paramref name="RemovedLength"/> code units at <paramref name="Offset"/>
/// replaced by <paramref name="InsertedText"/>. Offsets and lengths are UTF-16 code units, as Monaco's
/// <c>rangeOffset</c>/<c>rangeLength</c>, JavaScript and <see cref="string.Length"/> count them.
/// In a batch (<see cref="EditorEdits"/>) every edit is relative to the text before the whole batch,
/// and no two overlap: Monaco's <c>IModelContentChangedEvent.changes</c> and <c>model.applyEdits</c>
/// both work that way.
/// </summary>
public readonly record struct EditorEdit(int Offset, int RemovedLength, string InsertedText);
