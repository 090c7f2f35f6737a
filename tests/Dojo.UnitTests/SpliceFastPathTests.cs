using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// Compose and transform answer single-edit operations (splices) without the general one-pass algorithm
/// (libs/Dojo.Ot/TextOperation.Splices.cs). On random documents with surrogate pairs and random splices
/// (and some multi-edit operations, which must fall through), the results equal the general algorithm's,
/// component for component, and so do the exceptions. Deterministic seeds, so a failure reproduces.
/// </summary>
public sealed class SpliceFastPathTests
{
    private const int Cases = 20_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compose_of_splices_equals_the_general_compose(int seed)
    {
        var random = new Random(seed);
        var fastAnswers = 0;
        for (var i = 0; i < Cases; i++)
        {
            var document = RandomDocument(random);
            var first = RandomOperation(random, document, codePointBoundaries: true);
            // The second may cut the first's insert inside a surrogate pair: both paths must refuse it alike.
            var second = RandomOperation(random, first.Apply(document), codePointBoundaries: random.Next(4) != 0);
            if (first.TryComposeSplices(second) is not null)
            {
                fastAnswers++;
            }

            var expected = Outcome(() => first.ComposeGeneral(second));
            Assert.Equal(expected, Outcome(() => first.Compose(second)));
        }

        // Most random splice pairs are far apart (the general path's); enough touch to test the fast one.
        Assert.InRange(fastAnswers, Cases / 10, Cases);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transform_of_splices_equals_the_general_transform(int seed)
    {
        var random = new Random(seed);
        int fastAnswers = 0, inRetainAnswers = 0;
        for (var i = 0; i < Cases; i++)
        {
            var document = RandomDocument(random);
            var client = RandomOperation(random, document, codePointBoundaries: true);
            var server = RandomOperation(random, document, codePointBoundaries: true);
            if (TextOperation.TryTransformSplices(client, server) is not null)
            {
                fastAnswers++;
            }

            if (TextOperation.TryTransformSpliceInRetain(client, server, withServerPrime: true) is not null)
            {
                inRetainAnswers++;
            }

            var (clientPrime, serverPrime) = TextOperation.Transform(client, server);
            var (generalClientPrime, generalServerPrime) = TextOperation.TransformGeneral(client, server);
            Assert.Equal(generalClientPrime, clientPrime);
            Assert.Equal(generalServerPrime, serverPrime);
            // The room's one-sided transform, by either path, is the client's side of the full one.
            Assert.Equal(generalClientPrime, TextOperation.TransformClient(client, server));
        }

        Assert.InRange(fastAnswers, Cases / 4, Cases);
        // A splice strictly inside a retain of a multi-edit operation (TryTransformSpliceInRetain) is rarer on these short documents.
        Assert.InRange(inRetainAnswers, Cases / 100, Cases / 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transform_of_operations_apart_equals_the_general_transform(int seed)
    {
        // Two people editing different parts of a file: one's edits (any shape) in the text before a
        // "\n", the other's after it, either as the client. TryTransformApart answers these; near the
        // "\n" some touch it or each other and must fall through. Results equal the general algorithm's.
        var random = new Random(seed);
        var apartAnswers = 0;
        for (var i = 0; i < Cases; i++)
        {
            var left = RandomDocument(random);
            var right = RandomDocument(random);
            var document = left + "\n" + right;
            var before = Extend(RandomOperation(random, left, codePointBoundaries: true), 0, document.Length - left.Length);
            var after = Extend(RandomOperation(random, right, codePointBoundaries: true), left.Length + 1, 0);
            if (random.Next(4) == 0)
            {
                // Sometimes one edits the "\n" too, or both reach it: no longer apart.
                after = RandomOperation(random, document, codePointBoundaries: true);
            }

            var (client, server) = random.Next(2) == 0 ? (before, after) : (after, before);
            if (TextOperation.TryTransformApart(client, server, withServerPrime: true) is not null)
            {
                apartAnswers++;
            }

            var (generalClientPrime, generalServerPrime) = TextOperation.TransformGeneral(client, server);
            var (clientPrime, serverPrime) = TextOperation.Transform(client, server);
            Assert.Equal(generalClientPrime, clientPrime);
            Assert.Equal(generalServerPrime, serverPrime);
            Assert.Equal(generalClientPrime, TextOperation.TransformClient(client, server));
            Assert.Equal(serverPrime.Apply(client.Apply(document)), clientPrime.Apply(server.Apply(document)));
        }

        Assert.InRange(apartAnswers, Cases / 2, Cases);
    }

    /// <summary><paramref name="operation"/> on a longer document: <paramref name="before"/> code units retained before it, <paramref name="after"/> after.</summary>
    private static TextOperation Extend(TextOperation operation, int before, int after)
    {
        var builder = new TextOperationBuilder().Retain(before);
        foreach (var component in operation.Components)
        {
            _ = component.Kind switch
            {
                TextOperationComponentKind.Retain => builder.Retain(component.Length),
                TextOperationComponentKind.Insert => builder.Insert(component.Text!),
                _ => builder.Delete(component.Length),
            };
        }

        return builder.Retain(after).Build();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_operation_is_held_as_a_splice_exactly_when_it_is_one_whoever_made_it(int seed)
    {
        // Equals compares two splices field by field, so equal operations must be in one form: built
        // step by step, read from JSON, composed or transformed, every result is checked.
        var random = new Random(seed);
        var splices = 0;
        for (var i = 0; i < Cases; i++)
        {
            var document = RandomDocument(random);
            var first = RandomOperation(random, document, codePointBoundaries: true);
            var second = RandomOperation(random, first.Apply(document), codePointBoundaries: true);
            var concurrent = RandomOperation(random, document, codePointBoundaries: true);
            var (clientPrime, serverPrime) = TextOperation.Transform(first, concurrent);
            var json = System.Text.Json.JsonSerializer.Serialize(first);
            foreach (var operation in new[] { first, first.Compose(second), clientPrime, serverPrime, first.Invert(document), System.Text.Json.JsonSerializer.Deserialize<TextOperation>(json)! })
            {
                var components = operation.Components.ToArray();
                var spliceShaped = IsOneSplice(components);
                Assert.True(spliceShaped == operation.IsSplice, $"{operation} is {(operation.IsSplice ? "" : "not ")}held as a splice");
                splices += spliceShaped ? 1 : 0;
                Assert.Equal(components.Length, operation.ComponentCount);
                Assert.Equal(components.Where(c => c.IsInsert).Sum(c => c.Length), operation.InsertedLength);
                Assert.Equal(components.Length == 0 || (components.Length == 1 && components[0].IsRetain), operation.IsNoop);
                Assert.Equal(json == System.Text.Json.JsonSerializer.Serialize(operation), operation.Equals(first));
            }
        }

        Assert.InRange(splices, Cases, 6 * Cases - Cases / 10);
    }

    /// <summary>retain?, insert?, delete?, retain? in canonical form, read off the components themselves.</summary>
    private static bool IsOneSplice(TextOperationComponent[] components)
    {
        var kinds = string.Concat(components.Select(c => c.Kind switch
        {
            TextOperationComponentKind.Retain => "r",
            TextOperationComponentKind.Insert => "i",
            _ => "d",
        }));
        return System.Text.RegularExpressions.Regex.IsMatch(kinds, "^r?i?d?r?$");
    }

    [Fact]
    public void Typing_on_and_backspacing_into_a_buffered_insert_compose_to_one_splice()
    {
        var typed = TextOperation.Splice(10, 4, 0, "ab");
        Assert.Equal(TextOperation.Splice(10, 4, 0, "abc"), typed.Compose(TextOperation.Splice(12, 6, 0, "c")));
        Assert.Equal(TextOperation.Splice(10, 4, 0, "a"), typed.Compose(TextOperation.Splice(12, 5, 1, "")));
        // Backspacing past the insert deletes original text before it.
        Assert.Equal(TextOperation.Splice(10, 3, 1, ""), typed.Compose(TextOperation.Splice(12, 3, 3, "")));
        // Typed then erased: a no-op.
        Assert.True(typed.Compose(TextOperation.Splice(12, 4, 2, "")).IsNoop);
    }

    [Fact]
    public void Concurrent_inserts_at_one_position_put_the_clients_text_first()
    {
        var client = TextOperation.Splice(4, 2, 0, "c");
        var server = TextOperation.Splice(4, 2, 0, "s");
        var (clientPrime, serverPrime) = TextOperation.Transform(client, server);
        Assert.Equal("abcsde", serverPrime.Apply(client.Apply("abde")));
        Assert.Equal("abcsde", clientPrime.Apply(server.Apply("abde")));
    }

    private static readonly string[] Alphabet = ["a", "b", "\n", "é", "中", "😀", "𝄞"];

    private static string RandomDocument(Random random)
    {
        var length = random.Next(0, 12);
        return string.Concat(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
    }

    private static string RandomText(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(0, maxPieces + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));

    /// <summary>Usually a splice (insert, delete or both); one in five an arbitrary operation of several edits.</summary>
    private static TextOperation RandomOperation(Random random, string document, bool codePointBoundaries)
    {
        if (random.Next(5) == 0)
        {
            return OtCases.Interpret(document, Enumerable.Range(0, random.Next(0, 10)).Select(_ => random.Next(10_000)).ToArray());
        }

        var boundaries = Enumerable.Range(0, document.Length + 1)
            .Where(i => !codePointBoundaries || i == 0 || i == document.Length || !(char.IsHighSurrogate(document[i - 1]) && char.IsLowSurrogate(document[i])))
            .ToArray();
        var start = boundaries[random.Next(boundaries.Length)];
        var ends = boundaries.Where(b => b >= start && b - start <= 6).ToArray();
        var end = ends[random.Next(ends.Length)];
        return TextOperation.Splice(document.Length, start, end - start, RandomText(random, 3));
    }

    private static string Outcome(Func<TextOperation> operation)
    {
        try
        {
            var result = operation();
            return $"{result.BaseLength}/{result.TargetLength}: {result}";
        }
        catch (TextOperationException exception)
        {
            return $"refused: {exception.Error}";
        }
    }
}
