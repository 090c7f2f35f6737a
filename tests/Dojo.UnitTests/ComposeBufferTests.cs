using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// <see cref="OtClient"/> composes the edits it holds back into a mutable <see cref="ComposeBuffer"/>
/// (libs/Dojo.Ot/ComposeBuffer.cs) instead of composing immutable operations. On random documents with
/// surrogate pairs and random runs of keystrokes near and far from each other (and some multi-edit
/// operations, and concurrent server operations), what the buffer holds equals the fold of
/// <see cref="TextOperation.Compose"/> and <see cref="TextOperation.Transform"/>, component for component,
/// and it refuses what they refuse, unchanged. Deterministic seeds, so a failure reproduces.
/// </summary>
public sealed class ComposeBufferTests
{
    private const int Sessions = 3_000;

    private static readonly string[] Alphabet = ["a", "b", "c", "\n", "é", "中", "😀", "𝄞"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_buffer_holds_what_composing_and_transforming_the_operations_gives(int seed)
    {
        var random = new Random(seed);
        var buffer = new ComposeBuffer();
        int composes = 0, refusals = 0, multiEdit = 0, cursor = 0, serverCursor = 0;
        for (var session = 0; session < Sessions; session++)
        {
            // The buffer's base document and what it holds, the immutable way.
            var document = RandomText(random, 40);
            var expected = RandomEdit(random, document, codePointBoundaries: true, ref cursor);
            buffer.Reset(expected);
            var steps = random.Next(1, 40);
            for (var step = 0; step < steps; step++)
            {
                var current = expected.Apply(document);
                var choice = random.Next(20);
                if (choice == 0)
                {
                    // A concurrent server operation: the buffer moves past it, the server's moves past the buffer.
                    var server = RandomEdit(random, document, codePointBoundaries: true, ref serverCursor);
                    var (expectedPrime, expectedServerPrime) = TextOperation.Transform(expected, server);
                    Assert.Equal(expectedServerPrime, buffer.Transform(server));
                    document = server.Apply(document);
                    expected = expectedPrime;
                }
                else if (choice == 1)
                {
                    // Sent and started again (OtClient's ServerAck, then a new edit).
                    buffer.Clear();
                    document = current;
                    expected = RandomEdit(random, document, codePointBoundaries: true, ref cursor);
                    buffer.Reset(expected);
                }
                else
                {
                    // A keystroke: most near the last one, some anywhere, a few that cut a pair in two.
                    var next = RandomEdit(random, current, codePointBoundaries: random.Next(10) != 0, ref cursor);
                    string outcome;
                    try
                    {
                        expected = expected.Compose(next);
                        outcome = "composed";
                    }
                    catch (TextOperationException exception)
                    {
                        outcome = exception.Error.ToString();
                    }

                    string actual;
                    try
                    {
                        buffer.Compose(next);
                        actual = "composed";
                    }
                    catch (TextOperationException exception)
                    {
                        actual = exception.Error.ToString();
                    }

                    Assert.Equal(outcome, actual);
                    composes++;
                    refusals += outcome == "composed" ? 0 : 1;
                    if (outcome == "composed" && next.CheckAgainst(current) != TextOperationError.None)
                    {
                        // It cut a pair of the text outside the buffer's inserts, which compose does not
                        // see: both agreed, and the result can no longer be applied, so the session ends here.
                        Assert.Equal(expected, buffer.ToOperation());
                        break;
                    }
                }

                // Asking for the operation builds it; not asking must not change what comes later.
                if (random.Next(3) == 0 || step == steps - 1)
                {
                    var held = buffer.ToOperation();
                    Assert.True(expected.Equals(held), $"seed {seed}, session {session}, step {step}: expected {expected}, the buffer holds {held}");
                    Assert.Equal(expected.TargetLength, buffer.TargetLength);
                    multiEdit += held.ComponentCount > 4 ? 1 : 0;
                }
            }

            buffer.Clear();
        }

        // The cases that matter happened: many composes, buffers of several edits, refusals.
        Assert.InRange(composes, Sessions * 10, Sessions * 40);
        Assert.InRange(multiEdit, Sessions, Sessions * 40);
        Assert.InRange(refusals, 50, composes / 5);
    }

    [Fact]
    public void Typing_in_two_places_keeps_both_and_typing_on_extends_the_right_one()
    {
        TextOperation[] keystrokes =
        [
            TextOperation.Splice(10, 2, 0, "a"),  // ab|a|cdefghij
            TextOperation.Splice(11, 8, 0, "x"),  // abacdefg|x|hij
            TextOperation.Splice(12, 3, 0, "b"),  // aba|b|cdefgxhij: typing on after the first
            TextOperation.Splice(13, 10, 0, "y"), // ababcdefgx|y|hij: typing on after the second
            TextOperation.Splice(14, 0, 1, ""),   // the first character deleted
        ];
        var buffer = new ComposeBuffer();
        buffer.Reset(keystrokes[0]);
        foreach (var keystroke in keystrokes[1..])
        {
            buffer.Compose(keystroke);
        }

        Assert.Equal("delete 1, retain 1, insert 'ab', retain 5, insert 'xy', retain 3", buffer.ToOperation().ToString());
        Assert.Equal("babcdefgxyhij", buffer.ToOperation().Apply("abcdefghij"));
        Assert.Equal(keystrokes.Aggregate((composed, next) => composed.Compose(next)), buffer.ToOperation());
    }

    [Fact]
    public void An_OtClient_sends_and_applies_what_one_composing_immutable_operations_would()
    {
        // The client against a reference: ot.js's client written with immutable operations, as OtClient
        // was before the buffer. Same random events, same operations sent and applied, same state.
        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var sent = new List<(int, TextOperation)>();
            var applied = new List<TextOperation>();
            var expectedSent = new List<(int, TextOperation)>();
            var expectedApplied = new List<TextOperation>();
            var client = new OtClient(0, (revision, operation) => sent.Add((revision, operation)), applied.Add);
            var reference = new ReferenceClient((revision, operation) => expectedSent.Add((revision, operation)), expectedApplied.Add);
            var local = RandomText(random, 30);
            var cursor = 0;
            for (var step = 0; step < 2_000; step++)
            {
                var choice = random.Next(10);
                if (choice < 6)
                {
                    var edit = RandomEdit(random, local, codePointBoundaries: true, ref cursor);
                    local = edit.Apply(local);
                    client.ApplyClient(edit);
                    reference.ApplyClient(edit);
                }
                else if (choice < 8 && !client.IsSynchronized)
                {
                    client.ServerAck();
                    reference.ServerAck();
                }
                else if (choice < 9)
                {
                    // A server operation on the room's text at the client's revision (the text before the
                    // client's unacknowledged edits, of the outstanding operation's base length): an insert
                    // at either end, which never falls inside a surrogate pair of a text not at hand.
                    var roomLength = reference.Outstanding is { } outstanding ? outstanding.BaseLength : local.Length;
                    var server = TextOperation.Splice(roomLength, random.Next(2) == 0 ? 0 : roomLength, 0, "s");
                    client.ApplyServer(server);
                    reference.ApplyServer(server);
                    local = expectedApplied[^1].Apply(local);
                }

                Assert.Equal(expectedSent, sent);
                Assert.Equal(expectedApplied, applied);
                Assert.Equal(reference.Revision, client.Revision);
                Assert.Equal(reference.Outstanding, client.Outstanding);
                Assert.Equal(reference.Buffer, client.Buffer);
                Assert.Equal(reference.Buffer is not null, client.IsAwaitingWithBuffer);
            }
        }
    }

    /// <summary>ot.js's client (lib/client.js) with immutable operations.</summary>
    private sealed class ReferenceClient(Action<int, TextOperation> send, Action<TextOperation> apply)
    {
        public int Revision { get; private set; }

        public TextOperation? Outstanding { get; private set; }

        public TextOperation? Buffer { get; private set; }

        public void ApplyClient(TextOperation operation)
        {
            if (Outstanding is null)
            {
                send(Revision, operation);
                Outstanding = operation;
            }
            else
            {
                Buffer = Buffer is null ? operation : Buffer.Compose(operation);
            }
        }

        public void ApplyServer(TextOperation operation)
        {
            Revision++;
            if (Outstanding is not null)
            {
                (var outstanding, operation) = TextOperation.Transform(Outstanding, operation);
                Outstanding = outstanding;
                if (Buffer is not null)
                {
                    (var buffer, operation) = TextOperation.Transform(Buffer, operation);
                    Buffer = buffer;
                }
            }

            apply(operation);
        }

        public void ServerAck()
        {
            Revision++;
            Outstanding = Buffer;
            Buffer = null;
            if (Outstanding is not null)
            {
                send(Revision, Outstanding);
            }
        }
    }

    private static string RandomText(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(0, maxPieces + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));

    /// <summary>
    /// Usually a keystroke-sized splice, half of them at or near the previous one (typing on,
    /// backspacing; <paramref name="cursor"/> is where the last one ended), the rest anywhere; one in eight an arbitrary operation of several edits.
    /// </summary>
    private static TextOperation RandomEdit(Random random, string document, bool codePointBoundaries, ref int cursor)
    {
        if (random.Next(8) == 0)
        {
            return OtCases.Interpret(document, Enumerable.Range(0, random.Next(0, 10)).Select(_ => random.Next(10_000)).ToArray());
        }

        var boundaries = Enumerable.Range(0, document.Length + 1)
            .Where(i => !codePointBoundaries || i == 0 || i == document.Length || !(char.IsHighSurrogate(document[i - 1]) && char.IsLowSurrogate(document[i])))
            .ToArray();
        var last = cursor;
        var near = boundaries.Where(b => Math.Abs(b - last) <= 3).ToArray();
        var start = random.Next(2) == 0 && near.Length > 0 ? near[random.Next(near.Length)] : boundaries[random.Next(boundaries.Length)];
        var ends = boundaries.Where(b => b >= start && b - start <= 4).ToArray();
        var end = random.Next(3) == 0 ? ends[random.Next(ends.Length)] : start;
        var text = random.Next(4) == 0 ? "" : RandomText(random, 2);
        if (end == start && text.Length == 0)
        {
            text = Alphabet[random.Next(Alphabet.Length)];
        }

                cursor = start + text.Length;
        return TextOperation.Splice(document.Length, start, end - start, text);
    }
}
