using System.Text.Json;
using CsCheck;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>The algebra of OT on random documents with accented text and surrogate pairs.</summary>
public sealed class TextOperationPropertyTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Applying_a_composition_equals_applying_both_in_sequence() =>
        OtCases.Consecutive.Sample((document, a, c) =>
        {
            var composed = a.Compose(c);
            Assert.Equal(c.Apply(a.Apply(document)), composed.Apply(document));
            Assert.Equal(a.BaseLength, composed.BaseLength);
            Assert.Equal(c.TargetLength, composed.TargetLength);
        }, iter: Iterations);

    [Fact]
    public void Transformed_operations_converge_on_any_document() =>
        OtCases.Concurrent.Sample((document, client, server) =>
        {
            var (clientPrime, serverPrime) = TextOperation.Transform(client, server);
            Assert.Equal(serverPrime.Apply(client.Apply(document)), clientPrime.Apply(server.Apply(document)));
            Assert.Equal(clientPrime, TextOperation.TransformClient(client, server));
            // The server's way and the client's way also agree as composed operations (ot.js's own test).
            Assert.Equal(client.Compose(serverPrime), server.Compose(clientPrime));
        }, iter: Iterations);

    [Fact]
    public void Inverting_undoes_the_operation() =>
        OtCases.DocumentAndOperation.Sample((document, a) =>
        {
            var inverse = a.Invert(document);
            var changed = a.Apply(document);
            Assert.Equal(document, inverse.Apply(changed));
            Assert.Equal(a.BaseLength, inverse.TargetLength);
            Assert.Equal(a.TargetLength, inverse.BaseLength);
            // Inverting twice gives the operation back.
            Assert.Equal(a, inverse.Invert(changed));
        }, iter: Iterations);

    [Fact]
    public void Json_round_trips_to_an_equal_operation() =>
        OtCases.DocumentAndOperation.Sample((_, a) =>
        {
            var json = JsonSerializer.Serialize(a);
            var read = JsonSerializer.Deserialize<TextOperation>(json)!;
            Assert.Equal(a, read);
            Assert.Equal(json, JsonSerializer.Serialize(read));
        }, iter: Iterations);

    [Fact]
    public void A_text_document_applies_like_a_string() =>
        Gen.Select(OtCases.Document, OtCases.Choices.Array[1, 8]).Sample((start, steps) =>
        {
            var text = start;
            var document = new TextDocument(start);
            foreach (var choices in steps)
            {
                var operation = OtCases.Interpret(text, choices);
                text = operation.Apply(text);
                document.Apply(operation);
                Assert.Equal(text, document.ToString());
            }
        }, iter: Iterations);

    [Fact]
    public void A_text_document_of_tiny_chunks_applies_like_a_string()
    {
        // Chunks of 4 to 9 code units: nearly every edit splits a chunk, deletes across several,
        // empties or merges them, and the cursor walks both ways between edits.
        Gen.Select(OtCases.Document, OtCases.Choices.Array[1, 24], Gen.Int[4, 9]).Sample((start, steps, chunkSize) =>
        {
            var text = start;
            var document = new TextDocument(start, chunkSize);
            foreach (var choices in steps)
            {
                var operation = OtCases.Interpret(text, choices);
                text = operation.Apply(text);
                document.Apply(operation);
                Assert.Equal(text, document.ToString());
                Assert.Equal(text.Length, document.Length);
                for (var i = 0; i < text.Length; i++)
                {
                    Assert.Equal(text[i], document[i]);
                }

                // No empty chunk is left behind (the empty document is one empty chunk).
                Assert.InRange(document.ChunkCount, 1, Math.Max(1, text.Length));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void An_operation_that_ends_inside_a_surrogate_pair_is_refused() =>
        OtCases.Document.Where(d => d.Any(char.IsHighSurrogate)).Sample(document =>
        {
            // Retain up to the middle of the first pair, then delete one code unit.
            var middle = document.IndexOf(document.First(char.IsHighSurrogate), StringComparison.Ordinal) + 1;
            var splitting = new TextOperationBuilder().Retain(middle).Delete(1).Retain(document.Length - middle - 1).Build();

            Assert.Equal(TextOperationError.SplitsSurrogatePair, splitting.CheckAgainst(document));
            var refused = Assert.Throws<TextOperationException>(() => splitting.Apply(document));
            Assert.Equal(TextOperationError.SplitsSurrogatePair, refused.Error);
            Assert.Equal(TextOperationError.SplitsSurrogatePair, Assert.Throws<TextOperationException>(() => splitting.Invert(document)).Error);

            var textDocument = new TextDocument(document);
            Assert.Throws<TextOperationException>(() => textDocument.Apply(splitting));
            Assert.Equal(document, textDocument.ToString());
        }, iter: 500);
}
