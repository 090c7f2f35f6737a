namespace PocTracker.Dojo.Ot;

/// <summary>
/// A mutable document that applies <see cref="TextOperation"/>s in place: what a room (or an
/// editor-less client) holds. Text lives in blocks of at most a few thousand code units, so applying
/// a keystroke costs a walk over the block lengths plus a shift inside one block, wherever the
/// previous edit was: not a copy of the whole document as <see cref="TextOperation.Apply(string)"/>
/// does, nor the move of a gap across everything between two editors' cursors as a single gap
/// buffer does (issue 19: with two editors a document apart that move was most of a room's apply).
/// </summary>
public sealed class TextDocument
{
    private const int DefaultBlockSize = 2048;

    private readonly int _blockSize;
    // Never empty: an empty document is one empty block. Only the last block of a document may be
    // empty after an edit; empty blocks in the middle are removed as they appear.
    private readonly List<Block> _blocks = [];
    private int _length;

    /// <summary>A document holding <paramref name="text"/>.</summary>
    /// <exception cref="TextOperationException">The text holds a carriage return or a lone surrogate.</exception>
    public TextDocument(string text = "")
        : this(text, DefaultBlockSize)
    {
    }

    /// <param name="text">The initial text.</param>
    /// <param name="blockSize">Most code units per block (tests use tiny blocks so that splits and merges happen).</param>
    internal TextDocument(string text, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 2);
        DocumentText.Validate(text);
        _blockSize = blockSize;
        _blocks.Add(new Block(blockSize));
        var cursor = (Index: 0, Offset: 0);
        InsertAt(ref cursor, text);
    }

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => _length;

    /// <summary>The code unit at <paramref name="index"/>.</summary>
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            foreach (var block in _blocks)
            {
                if (index < block.Length)
                {
                    return block.Chars[index];
                }

                index -= block.Length;
            }

            throw new InvalidOperationException("The blocks hold fewer code units than the document's length.");
        }
    }

    /// <summary>Number of blocks (for the tests that check blocks do not fragment).</summary>
    internal int BlockCount => _blocks.Count;

    /// <summary>Whether <paramref name="operation"/> may be applied now (see <see cref="TextOperation.CheckAgainst"/>).</summary>
    public TextOperationError Check(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.BaseLength != _length)
        {
            return TextOperationError.BaseLengthMismatch;
        }

        // One forward walk, as Apply's: at each boundary, the code units on either side of the cursor.
        var cursor = (Index: 0, Offset: 0);
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (position > 0 && position < _length && SplitsPairAt(cursor))
            {
                return TextOperationError.SplitsSurrogatePair;
            }

            if (!component.IsInsert)
            {
                Advance(ref cursor, component.Length);
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
        // One forward walk: components only move forward through the document.
        var cursor = (Index: 0, Offset: 0);
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                Advance(ref cursor, component.Length);
            }
            else if (component.Text is { } text)
            {
                InsertAt(ref cursor, text);
            }
            else
            {
                DeleteAt(ref cursor, component.Length);
            }
        }
    }

    /// <summary>The whole text.</summary>
    public override string ToString() =>
        string.Create(_length, _blocks, static (target, blocks) =>
        {
            foreach (var block in blocks)
            {
                block.Chars.AsSpan(0, block.Length).CopyTo(target);
                target = target[block.Length..];
            }
        });

    // Inside the document (neither end): whether the cursor lies between the halves of a pair.
    private bool SplitsPairAt((int Index, int Offset) cursor)
    {
        var index = cursor.Index;
        var offset = cursor.Offset;
        // The cursor may sit at the end of a block: the next code unit is then the next non-empty block's first.
        while (offset == _blocks[index].Length)
        {
            index++;
            offset = 0;
        }

        if (!char.IsLowSurrogate(_blocks[index].Chars[offset]))
        {
            return false;
        }

        // The code unit before: in this block, or the last of the previous non-empty block.
        while (offset == 0)
        {
            index--;
            offset = _blocks[index].Length;
        }

        return char.IsHighSurrogate(_blocks[index].Chars[offset - 1]);
    }

    private void Advance(ref (int Index, int Offset) cursor, int count)
    {
        while (count > 0)
        {
            var available = _blocks[cursor.Index].Length - cursor.Offset;
            if (count <= available)
            {
                cursor.Offset += count;
                return;
            }

            count -= available;
            cursor = (cursor.Index + 1, 0);
        }
    }

    // Leaves the cursor after the inserted text.
    private void InsertAt(ref (int Index, int Offset) cursor, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        _length += text.Length;
        var block = _blocks[cursor.Index];
        if (block.Length + text.Length > _blockSize)
        {
            // At a block's edge, a neighbour with room takes the text: typing on at a boundary must not
            // split a full block on every keystroke.
            if (cursor.Offset == block.Length && cursor.Index + 1 < _blocks.Count && _blocks[cursor.Index + 1].Length + text.Length <= _blockSize)
            {
                cursor = (cursor.Index + 1, 0);
                block = _blocks[cursor.Index];
            }
            else if (cursor.Offset == 0 && cursor.Index > 0 && _blocks[cursor.Index - 1].Length + text.Length <= _blockSize)
            {
                cursor = (cursor.Index - 1, _blocks[cursor.Index - 1].Length);
                block = _blocks[cursor.Index];
            }
        }

        if (block.Length + text.Length <= _blockSize)
        {
            // The common case: room in the block, shift its tail.
            block.Chars.AsSpan(cursor.Offset, block.Length - cursor.Offset).CopyTo(block.Chars.AsSpan(cursor.Offset + text.Length));
            text.CopyTo(block.Chars.AsSpan(cursor.Offset));
            block.Length += text.Length;
            cursor.Offset += text.Length;
            return;
        }

        // Split: the block keeps what is before the cursor; the text and then the block's tail go into
        // new blocks filled to half, so typing on has room.
        var tail = block.Chars.AsSpan(cursor.Offset, block.Length - cursor.Offset).ToArray();
        block.Length = cursor.Offset;
        var at = cursor.Index + 1;
        var half = Math.Max(1, _blockSize / 2);
        if (block.Length + Math.Min(text.Length, half) <= _blockSize)
        {
            // Top up the kept block first, so a split does not leave small blocks behind.
            var first = Math.Min(text.Length, Math.Min(half, _blockSize - block.Length));
            text[..first].CopyTo(block.Chars.AsSpan(block.Length));
            block.Length += first;
            text = text[first..];
            cursor.Offset = block.Length;
        }

        while (!text.IsEmpty)
        {
            var piece = Math.Min(text.Length, half);
            var added = new Block(_blockSize);
            text[..piece].CopyTo(added.Chars);
            added.Length = piece;
            _blocks.Insert(at, added);
            cursor = (at, piece);
            at++;
            text = text[piece..];
        }

        var rest = tail.AsSpan();
        var last = _blocks[cursor.Index];
        var intoLast = Math.Min(rest.Length, _blockSize - last.Length);
        rest[..intoLast].CopyTo(last.Chars.AsSpan(last.Length));
        last.Length += intoLast;
        rest = rest[intoLast..];
        while (!rest.IsEmpty)
        {
            var piece = Math.Min(rest.Length, half);
            var added = new Block(_blockSize);
            rest[..piece].CopyTo(added.Chars);
            added.Length = piece;
            _blocks.Insert(at++, added);
            rest = rest[piece..];
        }
    }

    // The cursor stays where the deleted text was.
    private void DeleteAt(ref (int Index, int Offset) cursor, int count)
    {
        _length -= count;
        while (count > 0)
        {
            var block = _blocks[cursor.Index];
            var available = block.Length - cursor.Offset;
            if (available == 0)
            {
                cursor = (cursor.Index + 1, 0);
                continue;
            }

            var deleted = Math.Min(count, available);
            block.Chars.AsSpan(cursor.Offset + deleted, available - deleted).CopyTo(block.Chars.AsSpan(cursor.Offset));
            block.Length -= deleted;
            count -= deleted;
            if (block.Length == 0 && _blocks.Count > 1)
            {
                _blocks.RemoveAt(cursor.Index);
                cursor = cursor.Index < _blocks.Count ? (cursor.Index, 0) : (cursor.Index - 1, _blocks[cursor.Index - 1].Length);
            }
            else if (block.Length < _blockSize / 4 && cursor.Index + 1 < _blocks.Count && block.Length + _blocks[cursor.Index + 1].Length <= _blockSize / 2)
            {
                // A block shrunk by deletes takes in its small neighbour, so deleting does not leave many small blocks.
                var next = _blocks[cursor.Index + 1];
                next.Chars.AsSpan(0, next.Length).CopyTo(block.Chars.AsSpan(block.Length));
                block.Length += next.Length;
                _blocks.RemoveAt(cursor.Index + 1);
            }
        }
    }

    private sealed class Block(int capacity)
    {
        public char[] Chars { get; } = new char[capacity];

        public int Length { get; set; }
    }
}
