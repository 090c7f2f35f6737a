using System.Text;
using System.Text.Json.Serialization;

namespace PocTracker.Dojo.Ot;

/// <summary>
/// A change to a text document, as ot.js's <c>TextOperation</c>: a sequence of retain / insert /
/// delete components that walks the whole document. Lengths are UTF-16 code units (JavaScript's
/// <c>string.length</c>, Monaco's offsets, <see cref="string.Length"/>). On the wire it is ot.js's
/// JSON array: a positive integer retains, a negative integer deletes, a string inserts.
/// </summary>
/// <remarks>
/// Immutable. Components are always in ot.js's canonical form (see <see cref="OperationWriter"/>),
/// so <see cref="Equals(TextOperation?)"/>, the JSON and the results of <see cref="Compose"/> and
/// <see cref="Transform"/> are exactly ot.js's. Stricter than ot.js in what it accepts: inserted text
/// is LF-only and holds no lone surrogate, and applying or inverting refuses an operation whose
/// boundaries fall inside a surrogate pair of the document (docs/dojo.md says why).
/// </remarks>
[JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    // Two forms, one meaning. Nearly every operation is one splice (retain p, insert s, delete d, retain
    // the rest; a keystroke, and what compose and transform make of keystrokes): those keep p, s and d
    // in fields and no component array (_spliceDelete >= 0), so a keystroke, a compose or a transform
    // allocates one small object instead of an object and an array. Any other shape keeps its
    // components in _components (_spliceDelete == ArrayForm). The form follows from the shape (see
    // FromComponents), so two equal operations are always in the same form.
    private const int ArrayForm = -1;

    // Array form: the components. Splice form: null until Components is first read, then the splice's
    // components (built once; a race builds equal arrays, either may win).
    private TextOperationComponent[]? _components;
    private readonly string _spliceInsert;
    private readonly int _splicePosition;
    private readonly int _spliceDelete;

    private TextOperation(TextOperationComponent[] components, int baseLength, int targetLength)
    {
        _components = components;
        _spliceInsert = "";
        _spliceDelete = ArrayForm;
        BaseLength = baseLength;
        TargetLength = targetLength;
    }

    private TextOperation(int position, string insert, int deleteCount, int baseLength)
    {
        // No edit: the position means nothing, and one value keeps equal operations equal field by field.
        _splicePosition = insert.Length == 0 && deleteCount == 0 ? 0 : position;
        _spliceInsert = insert;
        _spliceDelete = deleteCount;
        BaseLength = baseLength;
        TargetLength = baseLength - deleteCount + insert.Length;
    }

    /// <summary>The operation with no components: applies to the empty document only.</summary>
    public static TextOperation Empty { get; } = new(0, "", 0, 0);

    /// <summary>Length of every document this operation applies to.</summary>
    public int BaseLength { get; }

    /// <summary>Length of the document that applying it produces.</summary>
    public int TargetLength { get; }

    /// <summary>The components, in canonical form.</summary>
    /// <remarks>An operation of one splice builds this array on first use; <see cref="ComponentCount"/> and <see cref="InsertedLength"/> do not.</remarks>
    public ReadOnlySpan<TextOperationComponent> Components => _components ??= BuildSpliceComponents();

    /// <summary>How many components it has (<c>Components.Length</c>).</summary>
    public int ComponentCount
    {
        get
        {
            var buffer = default(SpliceComponents);
            return ReadComponents(ref buffer).Length;
        }
    }

    /// <summary>Code units it inserts, all inserts together.</summary>
    public int InsertedLength
    {
        get
        {
            if (IsSplice)
            {
                return _spliceInsert.Length;
            }

            var inserted = 0;
            foreach (var component in _components!)
            {
                inserted += component.IsInsert ? component.Length : 0;
            }

            return inserted;
        }
    }

    /// <summary>True when applying it changes nothing (no components, or a single retain).</summary>
    public bool IsNoop => IsSplice && _spliceDelete == 0 && _spliceInsert.Length == 0;

    /// <summary>
    /// The operation that, on a document of <paramref name="documentLength"/> code units, deletes
    /// <paramref name="deleteCount"/> code units at <paramref name="position"/> and inserts
    /// <paramref name="insert"/> there (one keystroke, a paste, a cut).
    /// </summary>
    public static TextOperation Splice(int documentLength, int position, int deleteCount, string insert)
    {
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(deleteCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, documentLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deleteCount, documentLength - position);
        DocumentText.Validate(insert);
        return SpliceUnchecked(documentLength, position, deleteCount, insert);
    }

    /// <summary>
    /// Whether this operation may be applied to <paramref name="document"/>: its base length matches
    /// and none of its boundaries falls inside a surrogate pair. O(components), reads no more than
    /// two characters per component.
    /// </summary>
    public TextOperationError CheckAgainst(ReadOnlySpan<char> document)
    {
        if (document.Length != BaseLength)
        {
            return TextOperationError.BaseLengthMismatch;
        }

        if (IsSplice)
        {
            // The boundaries of a splice's components: its edit's start and end.
            return DocumentText.SplitsPair(document, _splicePosition) || DocumentText.SplitsPair(document, _splicePosition + _spliceDelete)
                ? TextOperationError.SplitsSurrogatePair
                : TextOperationError.None;
        }

        var position = 0;
        foreach (var component in _components!)
        {
            if (DocumentText.SplitsPair(document, position))
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

    /// <summary>Applies the operation to <paramref name="document"/> and returns the new document.</summary>
    /// <exception cref="TextOperationException">The lengths differ or a boundary splits a surrogate pair.</exception>
    public string Apply(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfError(CheckAgainst(document));
        if (IsSplice)
        {
            return string.Concat(document.AsSpan(0, _splicePosition), _spliceInsert, document.AsSpan(_splicePosition + _spliceDelete));
        }

        return string.Create(TargetLength, (Components: _components!, document), static (target, state) =>
        {
            var source = state.document.AsSpan();
            var written = 0;
            var read = 0;
            foreach (var component in state.Components)
            {
                if (component.IsRetain)
                {
                    source.Slice(read, component.Length).CopyTo(target[written..]);
                    read += component.Length;
                    written += component.Length;
                }
                else if (component.Text is { } text)
                {
                    text.CopyTo(target[written..]);
                    written += text.Length;
                }
                else
                {
                    read += component.Length;
                }
            }
        });
    }

    /// <summary>
    /// The operation that undoes this one: applied to the result of applying this operation to
    /// <paramref name="document"/>, it gives <paramref name="document"/> back.
    /// </summary>
    /// <exception cref="TextOperationException">This operation cannot be applied to <paramref name="document"/>.</exception>
    public TextOperation Invert(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfError(CheckAgainst(document));
        var inverse = new OperationWriter();
        var position = 0;
        var buffer = default(SpliceComponents);
        foreach (var component in ReadComponents(ref buffer))
        {
            if (component.IsRetain)
            {
                inverse.Retain(component.Length);
                position += component.Length;
            }
            else if (component.IsInsert)
            {
                inverse.Delete(component.Length);
            }
            else
            {
                // The deleted text comes back as an insert, so it must be text an insert may hold.
                var deleted = document.AsSpan(position, component.Length);
                ThrowIfError(DocumentText.Check(deleted));
                inverse.Insert(deleted);
                position += component.Length;
            }
        }

        return inverse.ToOperation();
    }

    /// <summary>
    /// One operation with the effect of this one followed by <paramref name="next"/>:
    /// <c>a.Compose(b).Apply(s) == b.Apply(a.Apply(s))</c>. One pass over both.
    /// </summary>
    /// <exception cref="TextOperationException">
    /// <paramref name="next"/>'s base length is not this one's target length, or <paramref name="next"/>
    /// cuts one of this operation's inserts inside a surrogate pair.
    /// </exception>
    public TextOperation Compose(TextOperation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (TargetLength != next.BaseLength)
        {
            ThrowIfError(TextOperationError.ComposeLengthMismatch);
        }

        return TryComposeSplices(next) ?? ComposeGeneral(next);
    }

    /// <summary>The one-pass compose for any two operations (<see cref="Compose"/> without its fast path; lengths already checked).</summary>
    internal TextOperation ComposeGeneral(TextOperation next)
    {
        SpliceComponents buffer1 = default, buffer2 = default;
        var composed = new OperationWriter();
        ComposeInto(ReadComponents(ref buffer1), next.ReadComponents(ref buffer2), ref composed);
        return composed.ToOperation();
    }

    /// <summary>
    /// The one-pass compose of two component lists (lengths already checked) into <paramref name="composed"/>:
    /// <see cref="ComposeGeneral"/>'s, and <see cref="ComposeBuffer"/>'s, which keeps the result in place.
    /// </summary>
    internal static void ComposeInto(ReadOnlySpan<TextOperationComponent> ops1, ReadOnlySpan<TextOperationComponent> ops2, ref OperationWriter composed)
    {
        int i1 = 0, i2 = 0;
        // The current component of each operation and how much of it is left (0: none left);
        // offset1 is how much of the current insert of the first operation is already used.
        Take(ops1, ref i1, out var op1, out var left1);
        Take(ops2, ref i2, out var op2, out var left2);
        var offset1 = 0;
        while (left1 != 0 || left2 != 0)
        {
            if (left1 != 0 && op1.IsDelete)
            {
                composed.Delete(left1);
                Take(ops1, ref i1, out op1, out left1);
                continue;
            }

            if (left2 != 0 && op2.IsInsert)
            {
                composed.Insert(op2.Text!);
                Take(ops2, ref i2, out op2, out left2);
                continue;
            }

            if (left1 == 0 || left2 == 0)
            {
                // Unreachable for canonical operations whose lengths matched above.
                ThrowIfError(TextOperationError.ComposeLengthMismatch);
            }

            var n = Math.Min(left1, left2);
            if (op1.IsRetain)
            {
                if (op2.IsRetain)
                {
                    composed.Retain(n);
                }
                else
                {
                    composed.Delete(n);
                }
            }
            else
            {
                var text = op1.Text!;
                if (op2.IsRetain)
                {
                    if (n == text.Length)
                    {
                        composed.Insert(text);
                    }
                    else
                    {
                        composed.Insert(text.AsSpan(offset1, n));
                    }
                }

                offset1 += n;
                if (n < left1 && DocumentText.SplitsPair(text, offset1))
                {
                    ThrowIfError(TextOperationError.SplitsSurrogatePair);
                }
            }

            left1 -= n;
            left2 -= n;
            if (left1 == 0)
            {
                Take(ops1, ref i1, out op1, out left1);
                offset1 = 0;
            }

            if (left2 == 0)
            {
                Take(ops2, ref i2, out op2, out left2);
            }
        }
    }

    /// <summary>
    /// Transforms two concurrent operations on the same document into <c>(clientPrime, serverPrime)</c>
    /// with <c>serverPrime.Apply(client.Apply(s)) == clientPrime.Apply(server.Apply(s))</c>. The
    /// client's operation is always the first argument: when both insert at one position, the
    /// client's text goes first (ot.js's rule; one rule everywhere, or documents diverge).
    /// </summary>
    /// <exception cref="TextOperationException">The base lengths differ.</exception>
    public static (TextOperation ClientPrime, TextOperation ServerPrime) Transform(TextOperation client, TextOperation server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        if (client.BaseLength != server.BaseLength)
        {
            ThrowIfError(TextOperationError.TransformLengthMismatch);
        }

        if (TryTransformSplices(client, server) is { } splices)
        {
            return splices;
        }

        var fast = TryTransformApart(client, server, withServerPrime: true) ?? TryTransformSpliceInRetain(client, server, withServerPrime: true);
        return fast is { } found ? (found.ClientPrime, found.ServerPrime!) : TransformGeneral(client, server);
    }

    /// <summary>
    /// <paramref name="client"/> moved past the concurrent <paramref name="server"/> operation:
    /// <c>Transform(client, server).ClientPrime</c> without building the server's side. A room transforms
    /// each submission against the operations it missed and keeps only this, under its lock, so it
    /// allocates half as much there.
    /// </summary>
    /// <exception cref="TextOperationException">The base lengths differ.</exception>
    public static TextOperation TransformClient(TextOperation client, TextOperation server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        if (client.BaseLength != server.BaseLength)
        {
            ThrowIfError(TextOperationError.TransformLengthMismatch);
        }

        if (TryPlaceSplices(client, server, out var placed))
        {
            return SpliceUnchecked(server.TargetLength, placed.ClientAt, placed.ClientDelete, placed.ClientInsert);
        }

        var fast = TryTransformApart(client, server, withServerPrime: false) ?? TryTransformSpliceInRetain(client, server, withServerPrime: false);
        return fast is { } found ? found.ClientPrime : TransformGeneral(client, server, withServerPrime: false).ClientPrime;
    }

    /// <summary>The one-pass transform for any two operations (<see cref="Transform"/> without its fast path; lengths already checked).</summary>
    internal static (TextOperation ClientPrime, TextOperation ServerPrime) TransformGeneral(TextOperation client, TextOperation server)
    {
        var (clientPrime, serverPrime) = TransformGeneral(client, server, withServerPrime: true);
        return (clientPrime, serverPrime!);
    }

    /// <summary>The one-pass transform; the server's side only when <paramref name="withServerPrime"/> (null otherwise).</summary>
    private static (TextOperation ClientPrime, TextOperation? ServerPrime) TransformGeneral(TextOperation client, TextOperation server, bool withServerPrime)
    {
        SpliceComponents buffer1 = default, buffer2 = default;
        var ops1 = client.ReadComponents(ref buffer1);
        var ops2 = server.ReadComponents(ref buffer2);
        var clientPrime = new OperationWriter();
        var serverPrime = new OperationWriter();
        int i1 = 0, i2 = 0;
        Take(ops1, ref i1, out var op1, out var left1);
        Take(ops2, ref i2, out var op2, out var left2);
        while (left1 != 0 || left2 != 0)
        {
            if (left1 != 0 && op1.IsInsert)
            {
                clientPrime.Insert(op1.Text!);
                if (withServerPrime)
                {
                    serverPrime.Retain(left1);
                }

                Take(ops1, ref i1, out op1, out left1);
                continue;
            }

            if (left2 != 0 && op2.IsInsert)
            {
                clientPrime.Retain(left2);
                if (withServerPrime)
                {
                    serverPrime.Insert(op2.Text!);
                }

                Take(ops2, ref i2, out op2, out left2);
                continue;
            }

            if (left1 == 0 || left2 == 0)
            {
                ThrowIfError(TextOperationError.TransformLengthMismatch);
            }

            var n = Math.Min(left1, left2);
            if (op1.IsRetain)
            {
                if (op2.IsRetain)
                {
                    clientPrime.Retain(n);
                    if (withServerPrime)
                    {
                        serverPrime.Retain(n);
                    }
                }
                else if (withServerPrime)
                {
                    serverPrime.Delete(n);
                }
            }
            else if (op2.IsRetain)
            {
                clientPrime.Delete(n);
            }

            // Both delete the same text: neither needs to delete it again.
            left1 -= n;
            left2 -= n;
            if (left1 == 0)
            {
                Take(ops1, ref i1, out op1, out left1);
            }

            if (left2 == 0)
            {
                Take(ops2, ref i2, out op2, out left2);
            }
        }

        return (clientPrime.ToOperation(), withServerPrime ? serverPrime.ToOperation() : null);
    }

    public bool Equals(TextOperation? other)
    {
        if (other is null || BaseLength != other.BaseLength || TargetLength != other.TargetLength)
        {
            return false;
        }

        if (IsSplice && other.IsSplice)
        {
            return _splicePosition == other._splicePosition && _spliceDelete == other._spliceDelete && string.Equals(_spliceInsert, other._spliceInsert, StringComparison.Ordinal);
        }

        SpliceComponents buffer1 = default, buffer2 = default;
        return ReadComponents(ref buffer1).SequenceEqual(other.ReadComponents(ref buffer2));
    }

    public override bool Equals(object? obj) => obj is TextOperation other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(BaseLength);
        hash.Add(TargetLength);
        var buffer = default(SpliceComponents);
        foreach (var component in ReadComponents(ref buffer))
        {
            hash.Add(component);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(TextOperation? left, TextOperation? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(TextOperation? left, TextOperation? right) => !(left == right);

    /// <summary>ot.js's notation, for logs and test failures: <c>retain 3, insert 'x', delete 1</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var buffer = default(SpliceComponents);
        foreach (var component in ReadComponents(ref buffer))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(component.ToString());
        }

        return text.ToString();
    }

    internal static void ThrowIfError(TextOperationError error)
    {
        if (error != TextOperationError.None)
        {
            throw new TextOperationException(error, DocumentText.Describe(error));
        }
    }

    private static void Take(ReadOnlySpan<TextOperationComponent> components, ref int index, out TextOperationComponent component, out int left)
    {
        if (index < components.Length)
        {
            component = components[index++];
            left = component.Length;
        }
        else
        {
            component = default;
            left = 0;
        }
    }
}

