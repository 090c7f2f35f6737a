namespace PocTracker.Dojo.Ot;

/// <summary>
/// A mutable document that applies <see cref="TextOperation"/>s in place: what a room (or an
/// editor-less client) holds. Text lives in a gap buffer, so applying a keystroke costs the distance
/// from the previous edit plus the edit itself, not a copy of the whole document as
/// <see cref="TextOperation.Apply(string)"/> does.
/// </summary>
public sealed class TextDocument
{
    private char[] _buffer;
    private int _gapStart;
    private int _gapEnd;

    /// <summary>A document holding <paramref name="text"/>.</summary>
    /// <exception cref="TextOperationException">The text holds a carriage return or a lone surrogate.</exception>
    public TextDocument(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        DocumentText.Validate(text);
        _buffer = new char[Math.Max(16, text.Length + (text.Length / 2))];
        text.CopyTo(_buffer);
        _gapStart = text.Length;
        _gapEnd = _buffer.Length;
    }

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    /// <summary>The code unit at <paramref name="index"/>.</summary>
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return index < _gapStart ? _buffer[index] : _buffer[index + (_gapEnd - _gapStart)];
        }
    }

    /// <summary>Whether <paramref name="operation"/> may be applied now (see <see cref="TextOperation.CheckAgainst"/>).</summary>
    public TextOperationError Check(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.BaseLength != Length)
        {
            return TextOperationError.BaseLengthMismatch;
        }

        var position = 0;
        foreach (var component in operation.Components)
        {
            if (SplitsPair(position))
            {
                return TextOperationError.SplitsSurrogatePair;
            }

            if (!component.IsInsert)
            {
                position += component.Length;
            }
        }

        return TextOperationError.None;
    }

    /// <summary>Applies <paramref name="operation"/>; all or nothing.</summary>
    /// <exception cref="TextOperationException">The lengths differ or a boundary splits a surrogate pair; the document is unchanged.</exception>
    public void Apply(TextOperation operation)
    {
        TextOperation.ThrowIfError(Check(operation));
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                position += component.Length;
            }
            else if (component.Text is { } text)
            {
                MoveGapTo(position);
                EnsureGap(text.Length);
                text.CopyTo(_buffer.AsSpan(_gapStart));
                _gapStart += text.Length;
                position += text.Length;
            }
            else
            {
                MoveGapTo(position);
                _gapEnd += component.Length;
            }
        }
    }

    /// <summary>The whole text.</summary>
    public override string ToString() =>
        string.Concat(_buffer.AsSpan(0, _gapStart), _buffer.AsSpan(_gapEnd));

    private bool SplitsPair(int position) =>
        position > 0 && position < Length && char.IsHighSurrogate(this[position - 1]) && char.IsLowSurrogate(this[position]);

    private void MoveGapTo(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_buffer, position, _buffer, _gapEnd - count, count);
            _gapStart -= count;
            _gapEnd -= count;
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_buffer, _gapEnd, _buffer, _gapStart, count);
            _gapStart += count;
            _gapEnd += count;
        }
    }

    private void EnsureGap(int needed)
    {
        if (_gapEnd - _gapStart >= needed)
        {
            return;
        }

        var length = Length;
        var grown = new char[Math.Max(_buffer.Length * 2, length + needed + 16)];
        _buffer.AsSpan(0, _gapStart).CopyTo(grown);
        var tail = _buffer.Length - _gapEnd;
        _buffer.AsSpan(_gapEnd).CopyTo(grown.AsSpan(grown.Length - tail));
        _buffer = grown;
        _gapEnd = grown.Length - tail;
    }
}
