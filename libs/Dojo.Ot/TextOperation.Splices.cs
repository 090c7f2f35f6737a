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

        return WriteSplice(ref buffer, BaseLength, _splicePosition, _spliceInsert, _spliceDelete);
    }

    /// <summary>
    /// The canonical components of the splice that, on a document of <paramref name="length"/> code
    /// units, inserts <paramref name="insert"/> and deletes <paramref name="deleteCount"/> at
    /// <paramref name="position"/>, written into <paramref name="buffer"/>.
    /// </summary>
    internal static ReadOnlySpan<TextOperationComponent> WriteSplice(ref SpliceComponents buffer, int length, int position, string insert, int deleteCount)
    {
        if (deleteCount == 0 && insert.Length == 0)
        {
            // Nothing changes: canonical form is one retain of the whole document (none for the empty one).
            if (length == 0)
            {
                return [];
            }

            buffer[0] = TextOperationComponent.Retain(length);
            return ((ReadOnlySpan<TextOperationComponent>)buffer)[..1];
        }

        var count = 0;
        if (position > 0)
        {
            buffer[count++] = TextOperationComponent.Retain(position);
        }

        if (insert.Length > 0)
        {
            buffer[count++] = TextOperationComponent.Insert(insert);
        }

        if (deleteCount > 0)
        {
            buffer[count++] = TextOperationComponent.Delete(deleteCount);
        }

        var rest = length - position - deleteCount;
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
    internal bool TryReadSplice(out int position, out string insert, out int deleteCount)
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
        if (!TryReadSplice(out var p1, out var s1, out var d1) || !next.TryReadSplice(out var p2, out var s2, out var d2)
            || !TryPlaceComposedSplice(p1, s1, d1, p2, d2, out var placed))
        {
            return null;
        }

        var head = s1.AsSpan(0, placed.CutStart);
        var tail = s1.AsSpan(placed.CutEnd);
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

        return SpliceUnchecked(BaseLength, placed.Start, placed.Deleted, inserted);
    }

    /// <summary>
    /// Where the splice (<paramref name="p1"/>, insert <paramref name="s1"/>, delete <paramref name="d1"/>)
    /// followed by the splice (<paramref name="p2"/>, delete <paramref name="d2"/>, insert anything) is one
    /// splice: when the second touches the first's edit. The composed splice starts at <c>Start</c>,
    /// deletes <c>Deleted</c> code units of the original, and inserts <c>s1[..CutStart]</c>, the second's
    /// insert, then <c>s1[CutEnd..]</c>. False when the edits are apart, or the second cuts the first's
    /// insert inside a surrogate pair (the general path throws for that). Shared by
    /// <see cref="TryComposeSplices"/> and <see cref="ComposeBuffer"/>, so both compose alike.
    /// </summary>
    internal static bool TryPlaceComposedSplice(int p1, ReadOnlySpan<char> s1, int d1, int p2, int d2, out ComposedSplice placed)
    {
        placed = default;

        // In the first operation's result its insert is [p1, p1 + s1.Length]; the second edits
        // [p2, p2 + d2]. Disjoint (not even touching): two edits, the general path's.
        var insertEnd = p1 + s1.Length;
        if (p2 > insertEnd || p2 + d2 < p1)
        {
            return false;
        }

        var cutStart = p2 - p1;
        var cutEnd = p2 + d2 - p1;
        if (DocumentText.SplitsPair(s1, cutStart) || DocumentText.SplitsPair(s1, cutEnd))
        {
            return false;
        }

        // The edited region of the first result runs from start to end; outside the first's insert
        // it is original text, which the composition deletes from the original document.
        var start = Math.Min(p1, p2);
        var end = Math.Max(insertEnd, p2 + d2);
        placed = new ComposedSplice(start, (p1 - start) + d1 + (end - insertEnd), Math.Clamp(cutStart, 0, s1.Length), Math.Clamp(cutEnd, 0, s1.Length));
        return true;
    }

    /// <summary>Two touching splices composed (see <see cref="TryPlaceComposedSplice"/>).</summary>
    internal readonly record struct ComposedSplice(int Start, int Deleted, int CutStart, int CutEnd);

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

    /// <summary>
    /// Two concurrent operations whose edits lie apart: all of one's before all of the other's, with text
    /// both retain between them (two people editing different parts of a file). Each keeps its components:
    /// the earlier one's trailing retain and the later one's leading retain change by the other's change in
    /// length. Null otherwise. The server's side only when <paramref name="withServerPrime"/>.
    /// </summary>
    internal static (TextOperation ClientPrime, TextOperation? ServerPrime)? TryTransformApart(TextOperation client, TextOperation server, bool withServerPrime)
    {
        if (!client.TryGetEditExtent(out var clientStart, out var clientEnd) || !server.TryGetEditExtent(out var serverStart, out var serverEnd))
        {
            return null;
        }

        if (clientEnd < serverStart)
        {
            // The client's edits stay where they are; the server's move by the client's change in length.
            return (client.Moved(server.TargetLength, 0), withServerPrime ? server.Moved(client.TargetLength, client.TargetLength - client.BaseLength) : null);
        }

        if (serverEnd < clientStart)
        {
            return (client.Moved(server.TargetLength, server.TargetLength - server.BaseLength), withServerPrime ? server.Moved(client.TargetLength, 0) : null);
        }

        return null;
    }

    /// <summary>
    /// Where the edits lie in the base document: from the first edit's start to the last edit's end
    /// (what the leading and trailing retains leave). False when there is no edit.
    /// </summary>
    internal bool TryGetEditExtent(out int start, out int end)
    {
        if (IsSplice)
        {
            start = _splicePosition;
            end = _splicePosition + _spliceDelete;
            return _spliceDelete > 0 || _spliceInsert.Length > 0;
        }

        var components = _components!;
        start = components[0].IsRetain ? components[0].Length : 0;
        end = components[^1].IsRetain ? BaseLength - components[^1].Length : BaseLength;
        return true;
    }

    /// <summary>
    /// The same edits, <paramref name="shift"/> code units later, on a document of
    /// <paramref name="baseLength"/> (the leading retain grows by the shift, the trailing one takes up the
    /// rest). Only for what <see cref="TryTransformApart"/> proved: both retains stay positive or absent.
    /// </summary>
    internal TextOperation Moved(int baseLength, int shift)
    {
        if (IsSplice)
        {
            return SpliceUnchecked(baseLength, _splicePosition + shift, _spliceDelete, _spliceInsert);
        }

        var components = new TextOperationComponent[_components!.Length];
        _components.CopyTo(components, 0);
        if (shift != 0)
        {
            components[0] = TextOperationComponent.Retain(components[0].Length + shift);
        }

        var last = components[^1];
        if (last.IsRetain)
        {
            components[^1] = TextOperationComponent.Retain(last.Length + (baseLength - BaseLength - shift));
        }

        return new TextOperation(components, baseLength, TargetLength + (baseLength - BaseLength));
    }

    /// <summary>
    /// A splice against a concurrent operation of several edits, when the splice's edit lies strictly
    /// inside one retain of the other, touching none of its edits (so no tie rule applies): the splice
    /// moves by what the other changed before it, and the other keeps its components, that retain
    /// lengthened by the splice's change in length (the splice's insert is kept, its delete is gone).
    /// Null otherwise, or when both or neither are splices. The other side's result only when
    /// <paramref name="withServerPrime"/> or the client is the multi-edit one.
    /// </summary>
    internal static (TextOperation ClientPrime, TextOperation? ServerPrime)? TryTransformSpliceInRetain(TextOperation client, TextOperation server, bool withServerPrime)
    {
        if (client.IsSplice == server.IsSplice)
        {
            return null;
        }

        var splice = client.IsSplice ? client : server;
        var other = client.IsSplice ? server : client;
        if (!splice.TryReadSplice(out var position, out var insert, out var deleteCount))
        {
            return null;
        }

        var components = other._components!;
        var i = FindRetainHolding(components, position, deleteCount, out var baseStart, out var targetStart);
        if (i < 0)
        {
            return null;
        }

        var moved = SpliceUnchecked(other.TargetLength, targetStart + (position - baseStart), deleteCount, insert);
        if (client.IsSplice && !withServerPrime)
        {
            return (moved, null);
        }

        var adjusted = new TextOperationComponent[components.Length];
        components.CopyTo(adjusted, 0);
        adjusted[i] = TextOperationComponent.Retain(components[i].Length - deleteCount + insert.Length);
        var widened = new TextOperation(adjusted, splice.TargetLength, other.TargetLength - deleteCount + insert.Length);
        return client.IsSplice ? (moved, widened) : (widened, moved);
    }

    /// <summary>
    /// The index of the retain among <paramref name="components"/> that strictly holds the edit at
    /// <paramref name="position"/> deleting <paramref name="deleteCount"/> (base coordinates: it starts
    /// before the edit and ends after it), with where that retain starts in the base and in the target;
    /// -1 when there is none (the edit touches one of the components' edits).
    /// </summary>
    internal static int FindRetainHolding(ReadOnlySpan<TextOperationComponent> components, int position, int deleteCount, out int baseStart, out int targetStart)
    {
        baseStart = 0;
        targetStart = 0;
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            if (component.IsInsert)
            {
                targetStart += component.Length;
                continue;
            }

            var baseEnd = baseStart + component.Length;
            if (component.IsRetain && baseStart < position && position + deleteCount < baseEnd)
            {
                return i;
            }

            if (baseEnd >= position)
            {
                // A retain that does not hold the whole edit, or a delete, reaches it.
                return -1;
            }

            targetStart += component.IsRetain ? component.Length : 0;
            baseStart = baseEnd;
        }

        return -1;
    }

    /// <summary>Where each of two concurrent, non-overlapping splices lands once the other is applied (see <see cref="TryTransformSplices"/>).</summary>
    private static bool TryPlaceSplices(TextOperation client, TextOperation server, out SplicePlacement placed)
    {
        placed = default;
        if (!client.TryReadSplice(out var p1, out var s1, out var d1) || !server.TryReadSplice(out var p2, out var s2, out var d2))
        {
            return false;
        }

        if (!TryPlaceSplices(p1, s1.Length, d1, p2, s2.Length, d2, out var clientAt, out var serverAt))
        {
            return false;
        }

        placed = new SplicePlacement(clientAt, d1, s1, serverAt, d2, s2);
        return true;
    }

    /// <summary>
    /// Where two concurrent splices that each edit something (at <paramref name="p1"/>, inserting
    /// <paramref name="inserted1"/> code units and deleting <paramref name="d1"/>; the server's likewise)
    /// land once the other is applied, when their edits do not overlap. Shared by
    /// <see cref="TryPlaceSplices(TextOperation, TextOperation, out SplicePlacement)"/> and <see cref="ComposeBuffer"/>.
    /// </summary>
    internal static bool TryPlaceSplices(int p1, int inserted1, int d1, int p2, int inserted2, int d2, out int clientAt, out int serverAt)
    {
        if (p1 + d1 <= p2)
        {
            // The client's edit comes first (at one position, the client's insert goes first: ot.js's rule).
            clientAt = p1;
            serverAt = p2 - d1 + inserted1;
            return true;
        }

        if (p2 + d2 <= p1 && !(p2 == p1 && inserted1 > 0))
        {
            // The server's edit comes first. At one position with a client insert, the client's insert
            // would go first: that case is left to the general path (the first test takes it when
            // the client deletes nothing; otherwise the edits overlap).
            clientAt = p1 - d2 + inserted2;
            serverAt = p2;
            return true;
        }

        clientAt = serverAt = 0;
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
