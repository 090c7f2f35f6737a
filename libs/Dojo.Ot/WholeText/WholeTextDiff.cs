using System.Text;
using DiffMatchPatch;

namespace PocTracker.Dojo.Ot.WholeText;

/// <summary>
/// Turns a whole-text client's edit (its text before and after) into a <see cref="TextOperation"/>
/// on the text before, with Google's diff-match-patch. Shared by the server (the hub's
/// <c>SubmitText</c>) and clients that prefer to diff themselves. The operation never splits a
/// surrogate pair: diff-match-patch compares UTF-16 code units, so 😀 → 😁 (which share their high
/// surrogate) diffs as "keep half a character, replace the other half"; every kept run is shrunk to
/// whole characters and the halves it gave up join the change next to it.
/// </summary>
public static class WholeTextDiff
{
    /// <summary>How long diff-match-patch may look for a minimal diff before settling for a coarser one (still exact).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The operation that turns <paramref name="before"/> into <paramref name="after"/>. Both must be
    /// valid document text (no lone surrogate, LF-only: <see cref="Normalise"/> first).
    /// </summary>
    /// <param name="before">The text the operation applies to.</param>
    /// <param name="after">The text it must produce.</param>
    /// <param name="timeout">Bounds the search for a minimal diff; the result is exact either way.</param>
    /// <exception cref="TextOperationException">Either text is not valid document text.</exception>
    public static TextOperation Diff(string before, string after, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        DocumentText.Validate(before);
        DocumentText.Validate(after);
        var dmp = new diff_match_patch { Diff_Timeout = (float)(timeout ?? DefaultTimeout).TotalSeconds };
        var diffs = dmp.diff_main(before, after, checklines: true);
        // Fewer, larger edits: what a person would call the change, and fewer components to transform.
        dmp.diff_cleanupEfficiency(diffs);

        var builder = new TextOperationBuilder();
        var deleted = 0;
        var inserted = new StringBuilder();
        for (var i = 0; i < diffs.Count; i++)
        {
            var diff = diffs[i];
            var text = diff.text;
            if (diff.operation == Operation.DELETE)
            {
                deleted += text.Length;
                continue;
            }

            if (diff.operation == Operation.INSERT)
            {
                inserted.Append(text);
                continue;
            }

            // A kept run: give a leading low surrogate to the change before it and a trailing high
            // surrogate to the change after it (deleted and inserted again, so the text is the same).
            var start = text.Length > 0 && char.IsLowSurrogate(text[0]) ? 1 : 0;
            var end = text.Length > start && char.IsHighSurrogate(text[^1]) && i < diffs.Count - 1 ? text.Length - 1 : text.Length;
            if (end <= start)
            {
                deleted += text.Length; // nothing whole is left to keep: the changes on both sides merge
                inserted.Append(text);
                continue;
            }

            deleted += start;
            inserted.Append(text, 0, start);
            Flush(builder, ref deleted, inserted);
            builder.Retain(end - start);
            deleted += text.Length - end;
            inserted.Append(text, end, text.Length - end);
        }

        Flush(builder, ref deleted, inserted);
        return builder.Build();
    }

    /// <summary>
    /// The text as a document holds it: CRLF and lone CR become LF. Done on whole texts only (they
    /// carry no positions); an operation with a CR is refused instead (docs/dojo.md).
    /// </summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;
    }

    private static void Flush(TextOperationBuilder builder, ref int deleted, StringBuilder inserted)
    {
        if (inserted.Length > 0)
        {
            builder.Insert(inserted.ToString());
            inserted.Clear();
        }

        if (deleted > 0)
        {
            builder.Delete(deleted);
            deleted = 0;
        }
    }
}
