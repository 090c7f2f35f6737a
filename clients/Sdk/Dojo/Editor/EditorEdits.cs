using PocTracker.Dojo.Ot;
using PocTracker.Dojo.Ot.WholeText;

namespace PocTracker.Sdk.Dojo.Editor;

/// <summary>
/// Editor edits ↔ <see cref="TextOperation"/>s, for an editor bound to a <see cref="DojoSession"/>.
/// A batch of edits (what an editor reports after one user action: a keystroke, a paste, a
/// multi-cursor edit) is relative to the text before the batch, in UTF-16 code units, non-overlapping;
/// that is Monaco's contract for both directions (<c>onDidChangeModelContent</c>'s <c>changes</c> and
/// <c>applyEdits</c>/<c>executeEdits</c>/<c>pushEditOperations</c>, whose ranges are all in the model
/// before the edit). docs/dojo.md, "Binding an editor".
/// </summary>
public static class EditorEdits
{
    /// <summary>
    /// The operation that makes the batch's change to a text of <paramref name="documentLength"/> code
    /// units. The edits may come in any order (Monaco reports them from the end of the text backwards);
    /// they are taken in Monaco's order (by end, then start, then place in the batch), so two inserts
    /// at one offset keep their order in the batch and an insert at the start of a replaced range goes before it.
    /// </summary>
    /// <exception cref="ArgumentException">An edit reaches outside the text, or two edits overlap.</exception>
    /// <exception cref="TextOperationException">Inserted text that a document may not hold (CR, NUL, a lone surrogate, a non-character).</exception>
    public static TextOperation ToOperation(int documentLength, IReadOnlyList<EditorEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentOutOfRangeException.ThrowIfNegative(documentLength);
        var builder = new TextOperationBuilder();
        var position = 0;
        foreach (var (offset, removed, inserted) in InTextOrder(edits))
        {
            ArgumentNullException.ThrowIfNull(inserted, nameof(edits));
            if (offset < position || removed < 0 || offset > documentLength || removed > documentLength - offset)
            {
                throw new ArgumentException(
                    $"The edit ({offset}, {removed}) reaches outside a text of {documentLength} code units or overlaps the previous edit (which ends at {position}).",
                    nameof(edits));
            }

            builder.Retain(offset - position).Insert(inserted).Delete(removed);
            position = offset + removed;
        }

        return builder.Retain(documentLength - position).Build();
    }

    /// <summary>
    /// The edits that make <paramref name="operation"/>'s change, in ascending offset order, all relative
    /// to the text before it (one per place the operation changes; an insert and the delete beside it
    /// are one replacement). Give them as one batch to an editor that takes ranges in the text before
    /// the edit (Monaco's <c>applyEdits</c>/<c>executeEdits</c>); to apply them one at a time, go from
    /// the last to the first, so earlier offsets are still right (<see cref="Apply"/> does).
    /// </summary>
    public static IReadOnlyList<EditorEdit> FromOperation(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var edits = new List<EditorEdit>();
        var position = 0;
        var start = -1;
        var removed = 0;
        string? inserted = null;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                Flush();
                position += component.Length;
                continue;
            }

            if (start < 0)
            {
                start = position;
            }

            if (component.IsInsert)
            {
                inserted = inserted is null ? component.Text : inserted + component.Text;
            }
            else
            {
                removed += component.Length;
                position += component.Length;
            }
        }

        Flush();
        return edits;

        void Flush()
        {
            if (start >= 0)
            {
                edits.Add(new EditorEdit(start, removed, inserted ?? ""));
                start = -1;
                removed = 0;
                inserted = null;
            }
        }
    }

    /// <summary>
    /// The few edits that turn <paramref name="before"/> into <paramref name="after"/> (diff-match-patch,
    /// as <see cref="DojoSession.Replace"/> diffs; whole surrogate pairs). What a binding applies on a
    /// <see cref="DojoChangeKind.Reset"/> instead of replacing the editor's whole text: the editor keeps
    /// its cursor, scroll position and undo history wherever the two texts agree.
    /// </summary>
    public static IReadOnlyList<EditorEdit> Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return FromOperation(WholeTextDiff.Diff(before, after));
    }

    /// <summary>
    /// Applies a batch (relative to <paramref name="text"/>, non-overlapping, in any order) to a string
    /// one edit at a time, from the end of the text backwards, as an editor without a batch API would.
    /// </summary>
    /// <exception cref="ArgumentException">An edit reaches outside the text, or two edits overlap.</exception>
    public static string Apply(string text, IReadOnlyList<EditorEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var ordered = InTextOrder(edits);
        var end = text.Length;
        var builder = new System.Text.StringBuilder(text);
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            var (offset, removed, inserted) = ordered[i];
            if (offset < 0 || removed < 0 || removed > end - offset)
            {
                throw new ArgumentException($"The edit ({offset}, {removed}) reaches outside a text of {text.Length} code units or overlaps the next edit.", nameof(edits));
            }

            builder.Remove(offset, removed).Insert(offset, inserted);
            end = offset;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The edits sorted as Monaco's <c>applyEdits</c> sorts them: by where they end, then where they
    /// start (an insert at the start of a replaced range comes first), then their place in the batch.
    /// </summary>
    private static EditorEdit[] InTextOrder(IReadOnlyList<EditorEdit> edits)
    {
        var keys = new (int End, int Start, int Index)[edits.Count];
        var ordered = new EditorEdit[edits.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = edits[i];
            keys[i] = (edits[i].Offset + edits[i].RemovedLength, edits[i].Offset, i);
        }

        Array.Sort(keys, ordered);
        return ordered;
    }
}
