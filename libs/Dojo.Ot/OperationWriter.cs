using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PocTracker.Dojo.Ot;

/// <summary>
/// Accumulates components into ot.js's canonical form: adjacent retains merge, adjacent deletes
/// merge, adjacent inserts concatenate, and between two retains an insert always comes before a
/// delete (ot.js's <c>insert</c> moves itself in front of a trailing delete). Canonical form is what
/// makes <see cref="TextOperation.Equals(TextOperation?)"/> and the JSON identical to ot.js's.
/// </summary>
/// <remarks>
/// Pending runs are held in fields and written out only when a component of another kind arrives,
/// so compose and transform allocate nothing per component: an insert that stays whole keeps its
/// string, two pieces (a buffered insert and the next keystroke) cost one concatenation, and only
/// longer runs are assembled in a pooled buffer. The components themselves gather inside the writer
/// (up to <see cref="InlineCapacity"/>, which is nearly every operation an editor sends or a room
/// transforms), so the result is all that is allocated: a splice with no array, or for any other shape
/// one exactly sized array. A mutable struct: a
/// local, or passed by <c>ref</c>.
/// </remarks>
internal struct OperationWriter
{
    private const int InlineCapacity = 16;

    private InlineComponents _inline;

    // Past InlineCapacity components: all of them, here instead.
    private TextOperationComponent[]? _spill;
    private int _count;
    private long _baseLength;
    private long _targetLength;
    private int _retain;
    private int _delete;
    private string? _insertWhole;
    private char[]? _insertChars;
    private int _insertLength;
    private int _insertPieces;

    public void Retain(int count)
    {
        if (count == 0)
        {
            return;
        }

        if (_baseLength + count > int.MaxValue || _targetLength + count > int.MaxValue)
        {
            ThrowTooLong();
        }

        if (_delete != 0 || _insertLength != 0)
        {
            FlushEdit();
        }

        _retain += count;
        _baseLength += count;
        _targetLength += count;
    }

    public void Delete(int count)
    {
        if (count == 0)
        {
            return;
        }

        if (_baseLength + count > int.MaxValue)
        {
            ThrowTooLong();
        }

        if (_retain != 0)
        {
            FlushRetain();
        }

        _delete += count;
        _baseLength += count;
    }

    /// <summary>Inserts a whole string (kept by reference when nothing else joins it).</summary>
    public void Insert(string text) => Insert(text, text);

    /// <summary>Inserts <paramref name="piece"/>, a part of a string.</summary>
    public void Insert(ReadOnlySpan<char> piece) => Insert(null, piece);

    public TextOperation ToOperation()
    {
        Flush();
        var operation = _spill is null
            ? TextOperation.FromComponents(((ReadOnlySpan<TextOperationComponent>)_inline)[.._count], null, (int)_baseLength, (int)_targetLength)
            : TextOperation.FromComponents(_spill.AsSpan(0, _count), _spill.Length == _count ? _spill : null, (int)_baseLength, (int)_targetLength);
        _spill = null;
        _count = 0;
        return operation;
    }

    /// <summary>
    /// Like <see cref="ToOperation"/>, but returns the components themselves, held by this writer (valid
    /// while it lives and is not written to again): for <see cref="ComposeBuffer"/>, which copies them
    /// into its own array instead of building an operation.
    /// </summary>
    [UnscopedRef]
    public ReadOnlySpan<TextOperationComponent> Finish(out int baseLength, out int targetLength)
    {
        Flush();
        baseLength = (int)_baseLength;
        targetLength = (int)_targetLength;
        return _spill is null ? ((ReadOnlySpan<TextOperationComponent>)_inline)[.._count] : _spill.AsSpan(0, _count);
    }

    private void Flush()
    {
        if (_retain != 0)
        {
            FlushRetain();
        }
        else if (_delete != 0 || _insertLength != 0)
        {
            FlushEdit();
        }

        if (_insertChars is not null)
        {
            ArrayPool<char>.Shared.Return(_insertChars);
            _insertChars = null;
        }
    }

    private static void ThrowTooLong() =>
        throw new TextOperationException(TextOperationError.TooLong, DocumentText.Describe(TextOperationError.TooLong));

    private void Insert(string? whole, ReadOnlySpan<char> piece)
    {
        if (piece.Length == 0)
        {
            return;
        }

        if (_targetLength + piece.Length > int.MaxValue)
        {
            ThrowTooLong();
        }

        if (_retain != 0)
        {
            FlushRetain();
        }

        switch (_insertPieces)
        {
            case 0:
                _insertWhole = whole ?? new string(piece);
                break;
            case 1:
                _insertWhole = string.Concat(_insertWhole, piece);
                break;
            default:
                AppendInsertChars(piece);
                break;
        }

        _insertPieces++;
        _insertLength += piece.Length;
        _targetLength += piece.Length;
    }

    // Third and later pieces of one insert: copied into a pooled buffer, so a long run of small
    // inserts (a JSON array of single characters) stays linear.
    private void AppendInsertChars(ReadOnlySpan<char> piece)
    {
        var needed = _insertLength + piece.Length;
        if (_insertChars is null || _insertChars.Length < needed)
        {
            var grown = ArrayPool<char>.Shared.Rent(Math.Max(needed, 2 * (_insertChars?.Length ?? 32)));
            if (_insertWhole is null)
            {
                _insertChars.AsSpan(0, _insertLength).CopyTo(grown);
            }

            if (_insertChars is not null)
            {
                ArrayPool<char>.Shared.Return(_insertChars);
            }

            _insertChars = grown;
        }

        if (_insertWhole is not null)
        {
            _insertWhole.CopyTo(_insertChars);
            _insertWhole = null;
        }

        piece.CopyTo(_insertChars.AsSpan(_insertLength));
    }

    private void FlushRetain()
    {
        Add(TextOperationComponent.Retain(_retain));
        _retain = 0;
    }

    private void FlushEdit()
    {
        if (_insertLength != 0)
        {
            Add(TextOperationComponent.Insert(_insertWhole ?? new string(_insertChars.AsSpan(0, _insertLength))));
            _insertWhole = null;
            _insertLength = 0;
            _insertPieces = 0;
        }

        if (_delete != 0)
        {
            Add(TextOperationComponent.Delete(_delete));
            _delete = 0;
        }
    }

    private void Add(TextOperationComponent component)
    {
        if (_spill is null)
        {
            if (_count < InlineCapacity)
            {
                _inline[_count++] = component;
                return;
            }

            _spill = new TextOperationComponent[InlineCapacity * 2];
            ((ReadOnlySpan<TextOperationComponent>)_inline).CopyTo(_spill);
        }
        else if (_count == _spill.Length)
        {
            Array.Resize(ref _spill, _spill.Length * 2);
        }

        _spill[_count++] = component;
    }

    [InlineArray(InlineCapacity)]
    private struct InlineComponents
    {
        private TextOperationComponent _first;
    }
}
