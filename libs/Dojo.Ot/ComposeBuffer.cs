namespace PocTracker.Dojo.Ot;

/// <summary>
/// The edits an <see cref="OtClient"/> holds back while one of its operations is in flight, composed
/// as they come and kept in place. A client composes every keystroke it makes while waiting into
/// this buffer (most of the work a client does: 35,546 composes against 9,877 transforms on the
/// sveltecomponent trace), and the composed operation is needed only when the buffer is sent or
/// transformed, a few times per round trip. So the buffer is mutable and builds its
/// <see cref="TextOperation"/> only when asked: typing on in one place changes a char buffer and
/// three integers and allocates nothing; edits in several places are composed into a reused
/// component array. The result is always what <see cref="TextOperation.Compose"/> gives, component
/// for component (tests/Dojo.UnitTests/ComposeBufferTests.cs checks that on random edits).
/// </summary>
internal sealed class ComposeBuffer
{
    // Held as one splice (_count == SpliceForm): at _position, delete _delete code units and insert
    // _insert[.._insertLength]. Or as canonical components: _components[.._count].
    private const int SpliceForm = -1;

    // Past these, Clear lets the arrays go (one large paste should not pin its size for the session).
    private const int KeptInsertCapacity = 4096;
    private const int KeptComponentCapacity = 256;

    private TextOperationComponent[] _components = new TextOperationComponent[16];
    private char[] _insert = new char[32];
    private int _count = SpliceForm;
    private int _insertLength;
    private int _position;
    private int _delete;
    private int _baseLength;
    private int _targetLength;

    // What the buffer holds as an operation: built on first request, dropped at the next change.
    private TextOperation? _operation;

    /// <summary>Length of the document after the buffered edits.</summary>
    public int TargetLength => _targetLength;

    /// <summary>Holds exactly <paramref name="operation"/> from now on.</summary>
    public void Reset(TextOperation operation)
    {
        _baseLength = operation.BaseLength;
        _targetLength = operation.TargetLength;
        if (operation.IsSplice)
        {
            operation.TryReadSplice(out _position, out var insert, out _delete);
            _count = SpliceForm;
            _insertLength = 0;
            ReplaceInsert(0, 0, insert);
        }
        else
        {
            var components = operation.Components;
            if (_components.Length < components.Length)
            {
                _components = new TextOperationComponent[components.Length];
            }

            components.CopyTo(_components);
            _count = components.Length;
        }

        _operation = operation;
    }

    /// <summary>The buffered edits followed by <paramref name="next"/> (<c>buffer.Compose(next)</c>, in place).</summary>
    /// <exception cref="TextOperationException">As <see cref="TextOperation.Compose"/>; the buffer is then unchanged.</exception>
    public void Compose(TextOperation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_targetLength != next.BaseLength)
        {
            TextOperation.ThrowIfError(TextOperationError.ComposeLengthMismatch);
        }

        if (_count == SpliceForm && (_delete > 0 || _insertLength > 0) && next.TryReadSplice(out var p2, out var s2, out var d2)
            && TextOperation.TryPlaceComposedSplice(_position, _insert.AsSpan(0, _insertLength), _delete, p2, d2, out var placed))
        {
            // Typing on, backspacing, or deleting into the buffered edit: still one splice (TryComposeSplices, in place).
            ReplaceInsert(placed.CutStart, placed.CutEnd, s2);
            _position = placed.Start;
            _delete = placed.Deleted;
            _targetLength = next.TargetLength;
            _operation = null;
            return;
        }

        if (_count != SpliceForm && next.TryReadSplice(out p2, out s2, out d2))
        {
            // Edits in several places and a keystroke: recompose only the part of the components it touches.
            ComposeSpliceIntoComponents(p2, s2, d2);
            _operation = null;
            return;
        }

        // Anything else: the general compose of all of it, into the component array.
        TextOperation.SpliceComponents buffer1 = default, buffer2 = default;
        var current = _count == SpliceForm ? ToOperation().ReadComponents(ref buffer1) : _components.AsSpan(0, _count);
        var composed = new OperationWriter();
        TextOperation.ComposeInto(current, next.ReadComponents(ref buffer2), ref composed);
        Replace(0, _count == SpliceForm ? 0 : _count, composed.Finish(out _baseLength, out _targetLength));
        _operation = null;
    }

    /// <summary>
    /// Moves the buffered edits past <paramref name="server"/>, an operation the server applied
    /// concurrently, and returns the server's operation moved past them (<see cref="TextOperation.Transform"/>).
    /// </summary>
    public TextOperation Transform(TextOperation server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.BaseLength == _baseLength && TryTransformApart(server) is { } apart)
        {
            return apart;
        }

        if (server.BaseLength == _baseLength && server.TryReadSplice(out var p2, out var s2, out var d2))
        {
            // A keystroke of someone else's (the commonest case): moved past the buffer in place, as
            // Transform's splice fast paths would, without building the buffer's operation.
            if (_count == SpliceForm)
            {
                if ((_delete > 0 || _insertLength > 0)
                    && TextOperation.TryPlaceSplices(_position, _insertLength, _delete, p2, s2.Length, d2, out var bufferAt, out var serverAt))
                {
                    var serverPrime = TextOperation.SpliceUnchecked(_targetLength, serverAt, d2, s2);
                    _position = bufferAt;
                    MovePast(server);
                    return serverPrime;
                }
            }
            else
            {
                var components = _components.AsSpan(0, _count);
                var i = TextOperation.FindRetainHolding(components, p2, d2, out var baseStart, out var targetStart);
                if (i >= 0)
                {
                    var serverPrime = TextOperation.SpliceUnchecked(_targetLength, targetStart + (p2 - baseStart), d2, s2);
                    components[i] = TextOperationComponent.Retain(components[i].Length - d2 + s2.Length);
                    MovePast(server);
                    return serverPrime;
                }
            }
        }

        var (bufferPrime, movedServer) = TextOperation.Transform(ToOperation(), server);
        Reset(bufferPrime);
        return movedServer;
    }

    /// <summary>
    /// <see cref="TextOperation.TryTransformApart"/> in place: when the buffered edits all lie before or
    /// all after <paramref name="server"/>'s, with retained text between, only the retain between them
    /// changes (or the splice's position). Returns the server's operation moved past the buffer, or null.
    /// </summary>
    private TextOperation? TryTransformApart(TextOperation server)
    {
        if (!server.TryGetEditExtent(out var serverStart, out var serverEnd))
        {
            return null;
        }

        int start, end;
        if (_count == SpliceForm)
        {
            if (_delete == 0 && _insertLength == 0)
            {
                return null;
            }

            start = _position;
            end = _position + _delete;
        }
        else
        {
            start = _components[0].IsRetain ? _components[0].Length : 0;
            end = _components[_count - 1].IsRetain ? _baseLength - _components[_count - 1].Length : _baseLength;
        }

        var serverChange = server.TargetLength - server.BaseLength;
        TextOperation serverPrime;
        if (end < serverStart)
        {
            // The buffered edits come first: they stay, the retain after them takes the server's change.
            serverPrime = server.Moved(_targetLength, _targetLength - _baseLength);
            if (_count != SpliceForm)
            {
                _components[_count - 1] = TextOperationComponent.Retain(_components[_count - 1].Length + serverChange);
            }
        }
        else if (serverEnd < start)
        {
            // The server's edits come first: the buffered ones move by its change.
            serverPrime = server.Moved(_targetLength, 0);
            if (_count == SpliceForm)
            {
                _position += serverChange;
            }
            else
            {
                _components[0] = TextOperationComponent.Retain(_components[0].Length + serverChange);
            }
        }
        else
        {
            return null;
        }

        MovePast(server);
        return serverPrime;
    }

    /// <summary>The buffer now applies after <paramref name="server"/>: its lengths change by the server's change.</summary>
    private void MovePast(TextOperation server)
    {
        _targetLength += server.TargetLength - server.BaseLength;
        _baseLength = server.TargetLength;
        _operation = null;
    }

    /// <summary>The buffered edits as one operation (built once per change).</summary>
    public TextOperation ToOperation() =>
        _operation ??= _count == SpliceForm
            ? TextOperation.SpliceUnchecked(_baseLength, _position, _delete, _insertLength == 0 ? "" : new string(_insert, 0, _insertLength))
            : TextOperation.FromComponents(_components.AsSpan(0, _count), null, _baseLength, _targetLength);

    /// <summary>Holds nothing (the buffer was sent).</summary>
    public void Clear()
    {
        _operation = null;
        _count = SpliceForm;
        _insertLength = 0;
        _position = _delete = _baseLength = _targetLength = 0;
        if (_insert.Length > KeptInsertCapacity)
        {
            _insert = new char[32];
        }

        if (_components.Length > KeptComponentCapacity)
        {
            _components = new TextOperationComponent[16];
        }
        else
        {
            // Let the strings of old inserts go.
            Array.Clear(_components);
        }
    }

    /// <summary>
    /// Composes the splice at <paramref name="position"/> (of the buffer's result) that deletes
    /// <paramref name="deleteCount"/> and inserts <paramref name="insert"/> into the components, in place.
    /// </summary>
    /// <remarks>
    /// Only a window is recomposed: from the last retain that starts before the splice to the first
    /// retain that ends after it (or the ends of the operation). Each of those retains keeps at least
    /// one code unit, so the recomposed window again starts and ends with a retain, and canonical form
    /// (no two retains side by side, an insert before a delete between two retains) holds across its
    /// seams without touching anything outside it. Cost: a walk over the components to find the
    /// window, the window's compose, and moving the components after it.
    /// </remarks>
    private void ComposeSpliceIntoComponents(int position, string insert, int deleteCount)
    {
        var components = _components.AsSpan(0, _count);
        int first = 0, last = _count - 1, firstStart = 0, windowEnd = _targetLength;
        var start = 0;
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            var end = component.IsDelete ? start : start + component.Length;
            if (deleteCount == 0 && insert.Length > 0 && TryInsertInPlace(i, component, start, end, position, insert))
            {
                return;
            }

            if (component.IsRetain)
            {
                if (start < position)
                {
                    first = i;
                    firstStart = start;
                }

                if (end > position + deleteCount)
                {
                    last = i;
                    windowEnd = end;
                    break;
                }
            }

            start = end;
        }

        var window = components[first..(last + 1)];
        var windowLength = windowEnd - firstStart;
        TextOperation.SpliceComponents spliceBuffer = default;
        var splice = TextOperation.WriteSplice(ref spliceBuffer, windowLength, position - firstStart, insert, deleteCount);
        var composed = new OperationWriter();
        TextOperation.ComposeInto(window, splice, ref composed);
        Replace(first, last + 1, composed.Finish(out _, out _));
        _targetLength += insert.Length - deleteCount;
    }

    /// <summary>
    /// The two commonest keystrokes into a buffer of several edits, without the window's compose (which
    /// gives the same components): typing on at the end of a buffered insert extends it, and typing
    /// inside retained text (not at its ends, where it would join a neighbouring edit) cuts the retain in two around a new insert.
    /// </summary>
    private bool TryInsertInPlace(int index, TextOperationComponent component, int start, int end, int position, string insert)
    {
        if (component.IsInsert && end == position)
        {
            _components[index] = TextOperationComponent.Insert(string.Concat(component.Text, insert));
        }
        else if (component.IsRetain && start < position && position < end)
        {
            TextOperation.SpliceComponents pieces = default;
            pieces[0] = TextOperationComponent.Retain(position - start);
            pieces[1] = TextOperationComponent.Insert(insert);
            pieces[2] = TextOperationComponent.Retain(end - position);
            Replace(index, index + 1, ((ReadOnlySpan<TextOperationComponent>)pieces)[..3]);
        }
        else
        {
            return false;
        }

        _targetLength += insert.Length;
        return true;
    }

    /// <summary>Replaces <c>_components[from..to]</c> with <paramref name="replacement"/> (the splice form becomes the component form).</summary>
    private void Replace(int from, int to, ReadOnlySpan<TextOperationComponent> replacement) =>
        _count = ReplaceRange(ref _components, _count == SpliceForm ? 0 : _count, from, to, replacement);

    /// <summary>Replaces <c>_insert[cutStart..cutEnd]</c> with <paramref name="text"/>.</summary>
    private void ReplaceInsert(int cutStart, int cutEnd, ReadOnlySpan<char> text) =>
        _insertLength = ReplaceRange(ref _insert, _insertLength, cutStart, cutEnd, text);

    /// <summary>
    /// Replaces <c>array[from..to]</c> of the first <paramref name="length"/> items with
    /// <paramref name="replacement"/>, moving what follows and growing the array (at least doubling) when
    /// it is too small. Returns the new length.
    /// </summary>
    private static int ReplaceRange<T>(ref T[] array, int length, int from, int to, ReadOnlySpan<T> replacement)
    {
        var tail = length - to;
        var newLength = from + replacement.Length + tail;
        if (newLength > array.Length)
        {
            var grown = new T[Math.Max(newLength, 2 * array.Length)];
            array.AsSpan(0, from).CopyTo(grown);
            array.AsSpan(to, tail).CopyTo(grown.AsSpan(from + replacement.Length));
            array = grown;
        }
        else
        {
            array.AsSpan(to, tail).CopyTo(array.AsSpan(from + replacement.Length));
        }

        replacement.CopyTo(array.AsSpan(from));
        return newLength;
    }
}
