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
    /// <summary>
    /// The canonical splice with no validation of <paramref name="insert"/> (already validated, or taken
    /// from validated operations): one exactly sized component array, no writer.
    /// </summary>
    internal static TextOperation SpliceUnchecked(int documentLength, int position, int deleteCount, string insert)
    {
        var rest = documentLength - position - deleteCount;
        var count = (position > 0 ? 1 : 0) + (insert.Length > 0 ? 1 : 0) + (deleteCount > 0 ? 1 : 0) + (rest > 0 ? 1 : 0);
        if (count == 0)
        {
            return Empty;
        }

        if (insert.Length == 0 && deleteCount == 0)
        {
            // Nothing changes: canonical form is one retain of the whole document.
            return new TextOperation([TextOperationComponent.Retain(documentLength)], documentLength, documentLength);
        }

        var components = new TextOperationComponent[count];
        var i = 0;

        if (position > 0)
        {
            components[i++] = TextOperationComponent.Retain(position);
        }

        if (insert.Length > 0)
        {
            components[i++] = TextOperationComponent.Insert(insert);
        }

        if (deleteCount > 0)
        {
            components[i++] = TextOperationComponent.Delete(deleteCount);
        }

        if (rest > 0)
        {
            components[i] = TextOperationComponent.Retain(rest);
        }

        return new TextOperation(components, documentLength, documentLength - deleteCount + insert.Length);
    }

    /// <summary>
    /// Reads this operation as one splice: at <paramref name="position"/>, insert <paramref name="insert"/>
    /// ("" for none) and delete <paramref name="deleteCount"/>. False when it has no edit or more than one.
    /// </summary>
    private bool TryReadSplice(out int position, out string insert, out int deleteCount)
    {
        var components = _components;
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

        if (insert.Length == 0 && deleteCount == 0)
        {
            return false;
        }

        if (i < components.Length && components[i].IsRetain)
        {
            i++;
        }

        return i == components.Length;
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
}
