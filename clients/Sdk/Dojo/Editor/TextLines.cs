namespace PocTracker.Sdk.Dojo.Editor;

/// <summary>A position as Monaco gives it: 1-based line number and 1-based column, columns in UTF-16 code units.</summary>
public readonly record struct EditorPosition(int LineNumber, int Column);

/// <summary>
/// Line/column ↔ offset for one text, as Monaco's <c>model.getOffsetAt</c> / <c>getPositionAt</c> do for a
/// model whose end of line is LF (a dojo binding sets <c>EndOfLineSequence.LF</c>: room documents are
/// LF-only, so <c>\n</c> is the only line break, one code unit). Built once per text (an index of line
/// starts); each lookup is a binary search, so an editor can map every cursor without JavaScript calls.
/// </summary>
public sealed class TextLines
{
    private readonly int[] lineStarts;

    public TextLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Length = text.Length;
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        lineStarts = [.. starts];
        Text = text;
    }

    /// <summary>The text indexed.</summary>
    public string Text { get; }

    /// <summary>The text's length in UTF-16 code units.</summary>
    public int Length { get; }

    /// <summary>Lines in the text: one more than its line breaks (an empty text has one line).</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>
    /// The position of <paramref name="offset"/> (clamped to 0..<see cref="Length"/>, as Monaco clamps).
    /// An offset right after a <c>\n</c> is column 1 of the next line.
    /// </summary>
    public EditorPosition PositionAt(int offset)
    {
        offset = Math.Clamp(offset, 0, Length);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1; // the last line starting before the offset
        }

        return new EditorPosition(line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>
    /// The offset of a position, validated as Monaco validates one: a line before the first is the
    /// text's start, after the last is its end; a column is clamped to 1..(line length + 1); a column
    /// between the two halves of a surrogate pair moves before the pair.
    /// </summary>
    public int OffsetAt(EditorPosition position)
    {
        if (position.LineNumber < 1)
        {
            return 0;
        }

        if (position.LineNumber > LineCount)
        {
            return Length;
        }

        var start = lineStarts[position.LineNumber - 1];
        var column = Math.Clamp(position.Column, 1, LineLength(position.LineNumber) + 1);
        var offset = start + column - 1;
        return offset > start && offset < Length && char.IsHighSurrogate(Text[offset - 1]) && char.IsLowSurrogate(Text[offset])
            ? offset - 1
            : offset;
    }

    /// <summary>The length of a line (1-based), without its line break.</summary>
    public int LineLength(int lineNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lineNumber, LineCount);
        var end = lineNumber < LineCount ? lineStarts[lineNumber] - 1 : Length;
        return end - lineStarts[lineNumber - 1];
    }
}
