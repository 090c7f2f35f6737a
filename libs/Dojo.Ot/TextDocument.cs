namespace PocTracker.Dojo.Ot;

/// <summary>
/// A mutable document that applies <see cref="TextOperation"/>s in place: what a room (or an
/// editor-less client) holds. The text lives in a list of chunks of at most
/// <see cref="DefaultChunkSize"/> code units, with a cursor on the chunk last edited: applying a
/// keystroke costs the walk from the previous edit (one step per chunk) plus moving the rest of one
/// chunk, not a copy of the whole document as <see cref="TextOperation.Apply(string)"/> does, nor a
/// copy of everything between two editors' places as a single gap buffer did (two people typing at
/// either end of a document moved the whole text between them on every keystroke).
/// </summary>
public sealed class TextDocument
{
    /// <summary>
    /// The most code units a chunk holds. Moving up to this much inside a chunk takes well under a
    /// tenth of a microsecond, and a megabyte document is about 1,400 chunks: walking from one end to
    /// the other costs a few microseconds, and editors mostly type near where they last typed.
    /// </summary>
    public const int DefaultChunkSize = 1024;

    private readonly int _chunkSize;

    // A new or split chunk is filled to three quarters, so typing into it moves chars in place for a while before it splits again.
    private readonly int _fill;
    // Never empty: the empty document is one empty chunk.
    private readonly List<Chunk> _chunks = [];
    private int _length;

    // Whether any text that entered the document held a surrogate. Until one does, no operation can end
    // inside a pair, and Check needs no lookups: code is nearly always without them, and those lookups
    // (two per component) were a third of applying an edit. Never reset: a pair once seen may still be there.
    private bool _mayHoldPairs;

    // The chunk the last lookup found, and the document offset of its first code unit.
    private int _cursor;
    private int _cursorStart;

    /// <summary>A document holding <paramref name="text"/>.</summary>
    /// <exception cref="TextOperationException">The text holds a carriage return or a lone surrogate.</exception>
    public TextDocument(string text = "")
        : this(text, DefaultChunkSize)
    {
    }

    /// <summary>A document with chunks of <paramref name="chunkSize"/> code units (tests use tiny ones to exercise splits and merges).</summary>
    internal TextDocument(string text, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 4);
        DocumentText.Validate(text);
        _chunkSize = chunkSize;
        _fill = chunkSize * 3 / 4;
        _chunks.AddRange(Fill([], text, []));
        _length = text.Length;
        _mayHoldPairs = HoldsSurrogate(text);
    }

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => _length;

    /// <summary>How many chunks hold the text (for tests: splits and merges keep it near length ÷ chunk size).</summary>
    internal int ChunkCount => _chunks.Count;

    /// <summary>The code unit at <paramref name="index"/>.</summary>
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var chunk = Find(index);
            return chunk.Chars[index - _cursorStart];
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

        if (!_mayHoldPairs)
        {
            return TextOperationError.None;
        }

        var position = 0;
        var buffer = default(TextOperation.SpliceComponents);
        foreach (var component in operation.ReadComponents(ref buffer))
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
        var buffer = default(TextOperation.SpliceComponents);
        foreach (var component in operation.ReadComponents(ref buffer))
        {
            if (component.IsRetain)
            {
                position += component.Length;
            }
            else if (component.Text is { } text)
            {
                Insert(position, text);
                position += text.Length;
            }
            else
            {
                Delete(position, component.Length);
            }
        }
    }

    /// <summary>The whole text.</summary>
    public override string ToString() =>
        string.Create(_length, _chunks, static (target, chunks) =>
        {
            var written = 0;
            foreach (var chunk in chunks)
            {
                chunk.Chars.AsSpan(0, chunk.Count).CopyTo(target[written..]);
                written += chunk.Count;
            }
        });

    private bool SplitsPair(int position) =>
        position > 0 && position < _length && char.IsHighSurrogate(this[position - 1]) && char.IsLowSurrogate(this[position]);

    /// <summary>
    /// Moves the cursor to the chunk holding <paramref name="position"/> (the last chunk for the
    /// document's end) and returns it. Walks from where the cursor was, since one editor's edits are
    /// mostly near its last one; but when the position is nearer the document's start or end than the
    /// cursor, from there (two editors far apart in one document would otherwise walk the whole text
    /// between them at every turn).
    /// </summary>
    private Chunk Find(int position)
    {
        // Locals and a span over the list: the walk is the hot loop of a long document.
        var chunks = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_chunks);
        var here = chunks[_cursor];
        if (position >= _cursorStart && (position < _cursorStart + here.Count || _cursor == chunks.Length - 1))
        {
            // Where the cursor is already: one typist's next keystroke, and every second lookup of an edit.
            return here;
        }

        var distance = Math.Abs(position - _cursorStart);
        if (position < distance)
        {
            _cursor = 0;
            _cursorStart = 0;
        }
        else if (_length - position < distance)
        {
            _cursor = _chunks.Count - 1;
            _cursorStart = _length - _chunks[_cursor].Count;
        }

        int cursor = _cursor, start = _cursorStart;
        while (position < start)
        {
            cursor--;
            start -= chunks[cursor].Count;
        }

        var last = chunks.Length - 1;
        while (cursor < last && position >= start + chunks[cursor].Count)
        {
            start += chunks[cursor].Count;
            cursor++;
        }

        _cursor = cursor;
        _cursorStart = start;
        return chunks[cursor];
    }

    private void Insert(int position, string text)
    {
        var chunk = Find(position);
        var offset = position - _cursorStart;
        if (offset == 0 && _cursor > 0 && _chunks[_cursor - 1].Count + text.Length <= _chunkSize)
        {
            // At a chunk boundary: append to the previous chunk rather than move this one's text.
            _cursor--;
            chunk = _chunks[_cursor];
            _cursorStart -= chunk.Count;
            offset = chunk.Count;
        }

        if (chunk.Count + text.Length <= _chunkSize)
        {
            var chars = chunk.Chars.AsSpan();
            chars[offset..chunk.Count].CopyTo(chars[(offset + text.Length)..]);
            text.CopyTo(chars[offset..]);
            chunk.Count += text.Length;
        }
        else
        {
            // Too much for one chunk: its text with the insert, cut anew into chunks.
            var pieces = Fill(chunk.Chars.AsSpan(0, offset), text, chunk.Chars.AsSpan(offset, chunk.Count - offset));
            _chunks[_cursor] = pieces[0];
            pieces.RemoveAt(0);
            _chunks.InsertRange(_cursor + 1, pieces);
        }

        _length += text.Length;
        _mayHoldPairs |= HoldsSurrogate(text);
    }

    private static bool HoldsSurrogate(ReadOnlySpan<char> text) => text.ContainsAnyInRange('\uD800', '\uDFFF');

    private void Delete(int position, int count)
    {
        while (count > 0)
        {
            var chunk = Find(position);
            var offset = position - _cursorStart;
            var removed = Math.Min(count, chunk.Count - offset);
            var chars = chunk.Chars.AsSpan();
            chars[(offset + removed)..chunk.Count].CopyTo(chars[offset..]);
            chunk.Count -= removed;
            chars[chunk.Count..(chunk.Count + removed)].Clear();
            count -= removed;
            _length -= removed;
            if (chunk.Count == 0 && _chunks.Count > 1)
            {
                // The next chunk takes its index (and its start); past the end, the cursor steps back.
                _chunks.RemoveAt(_cursor);
                if (_cursor == _chunks.Count)
                {
                    _cursor--;
                    _cursorStart -= _chunks[_cursor].Count;
                }
            }
        }

        MergeAroundCursor();
    }

    /// <summary>Deletes leave chunks part empty: two neighbours that fit in half a chunk become one, so the chunk count follows the length.</summary>
    private void MergeAroundCursor()
    {
        if (_cursor + 1 < _chunks.Count && _chunks[_cursor].Count + _chunks[_cursor + 1].Count <= _chunkSize / 2)
        {
            MergeNext(_cursor);
        }

        if (_cursor > 0 && _chunks[_cursor - 1].Count + _chunks[_cursor].Count <= _chunkSize / 2)
        {
            _cursor--;
            _cursorStart -= _chunks[_cursor].Count;
            MergeNext(_cursor);
        }
    }

    private void MergeNext(int index)
    {
        var first = _chunks[index];
        var second = _chunks[index + 1];
        second.Chars.AsSpan(0, second.Count).CopyTo(first.Chars.AsSpan(first.Count));
        first.Count += second.Count;
        _chunks.RemoveAt(index + 1);
    }

    /// <summary><paramref name="head"/>, <paramref name="middle"/> and <paramref name="tail"/> in order, cut into chunks filled to <see cref="_fill"/>.</summary>
    private List<Chunk> Fill(ReadOnlySpan<char> head, ReadOnlySpan<char> middle, ReadOnlySpan<char> tail)
    {
        var pieces = new List<Chunk>(((head.Length + middle.Length + tail.Length) / _fill) + 1) { new(_chunkSize) };
        FillFrom(pieces, head);
        FillFrom(pieces, middle);
        FillFrom(pieces, tail);
        return pieces;
    }

    private void FillFrom(List<Chunk> pieces, ReadOnlySpan<char> part)
    {
        while (!part.IsEmpty)
        {
            var current = pieces[^1];
            if (current.Count == _fill)
            {
                current = new Chunk(_chunkSize);
                pieces.Add(current);
            }

            var taken = Math.Min(part.Length, _fill - current.Count);
            part[..taken].CopyTo(current.Chars.AsSpan(current.Count));
            current.Count += taken;
            part = part[taken..];
        }
    }

    /// <summary>Up to a chunk size of code units, in place.</summary>
    private sealed class Chunk(int capacity)
    {
        public char[] Chars { get; } = new char[capacity];

        public int Count { get; set; }
    }
}
