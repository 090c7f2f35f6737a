namespace PocTracker.Dojo.Ot;

/// <summary>
/// Fast paths for the operations editors send almost always: one edit at one place (a keystroke, a
/// backspace, a paste; <c>retain p, insert s, delete d, retain r</c>, any part but the edit optional).
/// Every transform and compose of the room and of every client runs through here first; whatever
/// these paths cannot answer with one splice per result (overlapping edits, a cut inside a surrogate
/// pair, more than one edit) goes to the general one-pass algorithm, and the results are equal to
/// its (tests/Dojo.UnitTests/SpliceFastPathTests.cs checks that on random operations).
/// </summary>
public sealed partial class TextOperation
{
    /// <summary>Whether it is held as one splice (every operation of that shape is; see the fields' comment).</summary>
    internal bool IsSplice => _spliceDelete != ArrayForm;

    /// <summary>
    /// The canonical splice with no validation of <paramref name="insert"/> (already validated, or taken
    /// from validated operations): one small object, no component array.
    /// </summary>
    internal static TextOperation SpliceUnchecked(int documentLength, int position, int deleteCount, string insert) =>
        documentLength == 0 && insert.Length == 0 ? Empty : new TextOperation(position, insert, deleteCount, documentLength);

    /// <summary>
    /// The operation with these canonical <paramref name="components"/>: splice form when they are one
    /// splice's, otherwise array form with <paramref name="array"/> if given (exactly the components) or a copy.
    /// </summary>
    internal static TextOperation FromComponents(ReadOnlySpan<TextOperationComponent> components, TextOperationComponent[]? array, int baseLength, int targetLength)
    {
        if (components.Length <= SpliceComponents.Capacity && IsSpliceShape(components, out var position, out var insert, out var deleteCount))
        {
            return SpliceUnchecked(baseLength, position, deleteCount, insert);
        }

        return new TextOperation(array ?? components.ToArray(), baseLength, targetLength);
    }

    /// <summary>Whether canonical components read as one splice: <c>retain p, insert s, delete d, retain r</c>, each part optional.</summary>
    private static bool IsSpliceShape(ReadOnlySpan<TextOperationComponent> components, out int position, out string insert, out int deleteCount)
    {
        var i = 0;
        position = 0;
        insert = "";
        deleteCount = 0;
        if (i < components.Length && components[i].IsRetain)
        {
            position = components[i++].Length;
        }

        if (i < components.Length && components[i].IsInsert)
        {
            insert = components[i++].Text!;
        }

        if (i < components.Length && components[i].IsDelete)
        {
            deleteCount = components[i++].Length;
        }

        if (i < components.Length && components[i].IsRetain)
        {
            i++;
        }

        return i == components.Length;
    }

    /// <summary>
    /// The components without allocating: the array form's own array, or a splice's components written
    /// into <paramref name="buffer"/> (a local of the caller's).
    /// </summary>
    internal ReadOnlySpan<TextOperationComponent> ReadComponents(ref SpliceComponents buffer)
    {
        if (!IsSplice)
        {
            return _components;
        }

        if (_spliceDelete == 0 && _spliceInsert.Length == 0)
        {
            // Nothing changes: canonical form is one retain of the whole document (none for the empty one).
            if (BaseLength == 0)
            {
                return [];
            }

            buffer[0] = TextOperationComponent.Retain(BaseLength);
            return ((ReadOnlySpan<TextOperationComponent>)buffer)[..1];
        }

        var count = 0;
        if (_splicePosition > 0)
        {
            buffer[count++] = TextOperationComponent.Retain(_splicePosition);
        }

        if (_spliceInsert.Length > 0)
        {
            buffer[count++] = TextOperationComponent.Insert(_spliceInsert);
        }

        if (_spliceDelete > 0)
        {
            buffer[count++] = TextOperationComponent.Delete(_spliceDelete);
        }

        var rest = BaseLength - _splicePosition - _spliceDelete;
        if (rest > 0)
        {
            buffer[count++] = TextOperationComponent.Retain(rest);
        }

        return ((ReadOnlySpan<TextOperationComponent>)buffer)[..count];
    }

    private TextOperationComponent[] BuildSpliceComponents()
    {
        var buffer = default(SpliceComponents);
        return ReadComponents(ref buffer).ToArray();
    }

    /// <summary>
    /// Reads this operation as one splice: at <paramref name="position"/>, insert <paramref name="insert"/>
    /// ("" for none) and delete <paramref name="deleteCount"/>. False when it has no edit or more than one.
    /// </summary>
    private bool TryReadSplice(out int position, out string insert, out int deleteCount)
    {
        position = _splicePosition;
        insert = _spliceInsert;
        deleteCount = _spliceDelete;
        return IsSplice && (deleteCount > 0 || insert.Length > 0);
    }

    /// <summary>
    /// This splice followed by the splice <paramref name="next"/> when the second touches the first's
    /// edit (typing on, backspacing, deleting into it): one splice. Null otherwise.
    /// </summary>
    internal TextOperation? TryComposeSplices(TextOperation next)
    {
        if (!TryReadSplice(out var p1, out var s1, out var d1) || !next.TryReadSplice(out var p2, out var s2, out var d2))
        {
            return null;
        }

        // In the first operation's result its insert is [p1, p1 + s1.Length]; the second edits
        // [p2, p2 + d2]. Disjoint (not even touching): two edits, the general path's.
        var insertEnd = p1 + s1.Length;
        if (p2 > insertEnd || p2 + d2 < p1)
        {
            return null;
        }

        // The second operation's boundaries inside the first's insert must not cut a pair (the
        // general path throws for that).
        var cutStart = p2 - p1;
        var cutEnd = p2 + d2 - p1;
        if (DocumentText.SplitsPair(s1, cutStart) || DocumentText.SplitsPair(s1, cutEnd))
        {
            return null;
        }

        // The edited region of the first result runs from start to end; outside the first's insert
        // it is original text, which the composition deletes from the original document.
        var start = Math.Min(p1, p2);
        var end = Math.Max(insertEnd, p2 + d2);
        var deleted = (p1 - start) + d1 + (end - insertEnd);
        var head = cutStart > 0 ? s1.AsSpan(0, cutStart) : [];
        var tail = cutEnd < s1.Length ? s1.AsSpan(cutEnd) : [];
        string inserted;
        if (tail.IsEmpty && head.Length == s1.Length)
        {
            // Typing on at the end of the first's insert: one concatenation (or none when one side is empty).
            inserted = string.Concat(s1, s2);
        }
        else if (head.IsEmpty && tail.IsEmpty)
        {
            inserted = s2;
        }
        else
        {
            inserted = string.Concat(head, s2, tail);
        }

        return SpliceUnchecked(BaseLength, start, deleted, inserted);
    }

    /// <summary>
    /// Two concurrent splices whose edits do not overlap: each moves by the other's change in length
    /// when the other comes first. Null when they overlap, or both edit at one position in a way where
    /// ot.js's tie rule needs the general path.
    /// </summary>
    internal static (TextOperation ClientPrime, TextOperation ServerPrime)? TryTransformSplices(TextOperation client, TextOperation server) =>
        TryPlaceSplices(client, server, out var placed)
            ? (SpliceUnchecked(server.TargetLength, placed.ClientAt, placed.ClientDelete, placed.ClientInsert),
               SpliceUnchecked(client.TargetLength, placed.ServerAt, placed.ServerDelete, placed.ServerInsert))
            : null;

    /// <summary>Where each of two concurrent, non-overlapping splices lands once the other is applied (see <see cref="TryTransformSplices"/>).</summary>
    private static bool TryPlaceSplices(TextOperation client, TextOperation server, out SplicePlacement placed)
    {
        placed = default;
        if (!client.TryReadSplice(out var p1, out var s1, out var d1) || !server.TryReadSplice(out var p2, out var s2, out var d2))
        {
            return false;
        }

        if (p1 + d1 <= p2)
        {
            // The client's edit comes first (at one position, the client's insert goes first: ot.js's rule).
            placed = new SplicePlacement(p1, d1, s1, p2 - d1 + s1.Length, d2, s2);
            return true;
        }

        if (p2 + d2 <= p1 && !(p2 == p1 && s1.Length > 0))
        {
            // The server's edit comes first. At one position with a client insert, the client's insert
            // would go first: that case is left to the general path (the first test takes it when
            // the client deletes nothing; otherwise the edits overlap).
            placed = new SplicePlacement(p1 - d2 + s2.Length, d1, s1, p2, d2, s2);
            return true;
        }

        return false;
    }

    /// <summary>The client's splice on the server's result and the server's on the client's: position, deleted count, inserted text.</summary>
    private readonly record struct SplicePlacement(int ClientAt, int ClientDelete, string ClientInsert, int ServerAt, int ServerDelete, string ServerInsert);

    /// <summary>Room for a splice's components (at most four), on the stack of whoever reads them.</summary>
    [System.Runtime.CompilerServices.InlineArray(Capacity)]
    internal struct SpliceComponents
    {
        public const int Capacity = 4;

        private TextOperationComponent _first;
    }
}
