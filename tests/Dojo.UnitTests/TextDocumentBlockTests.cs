using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// <see cref="TextDocument"/> keeps its text in blocks (libs/Dojo.Ot/TextDocument.cs). With tiny blocks,
/// long random edit sequences (keystrokes at two far-apart cursors, pastes longer than a block, deletes
/// across blocks, operations of several edits) split and merge blocks all the time: the text, the length
/// and every code unit must stay those of applying the same operations to a string. Fixed seeds.
/// </summary>
public sealed class TextDocumentBlockTests
{
    private static readonly string[] Alphabet = ["a", "b", "\n", "é", "中", "😀"];

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(8, 4)]
    [InlineData(64, 5)]
    public void Blocks_hold_the_same_text_as_a_string_through_random_edits(int blockSize, int seed)
    {
        var random = new Random(seed);
        var text = RandomText(random, 20);
        var document = new TextDocument(text, blockSize);
        for (var step = 0; step < 3_000; step++)
        {
            var operation = RandomOperation(random, text);
            text = operation.Apply(text);
            document.Apply(operation);
            Assert.Equal(text.Length, document.Length);
            if (step % 50 == 0 || text.Length < 8)
            {
                Assert.Equal(text, document.ToString());
                for (var i = 0; i < text.Length; i++)
                {
                    Assert.Equal(text[i], document[i]);
                }
            }
        }

        Assert.Equal(text, document.ToString());
        // Splits fill new blocks to half and shrunk blocks take in small neighbours: no runaway fragmentation.
        Assert.InRange(document.BlockCount, 1, 1 + (4 * text.Length / blockSize) + 4);
    }

    [Fact]
    public void A_boundary_inside_a_surrogate_pair_is_refused_wherever_the_blocks_split()
    {
        const string text = "a😀b😀😀c";
        for (var blockSize = 2; blockSize <= 8; blockSize++)
        {
            var document = new TextDocument(text, blockSize);
            for (var position = 0; position <= text.Length; position++)
            {
                var operation = TextOperation.Splice(text.Length, position, 0, "x");
                Assert.Equal(operation.CheckAgainst(text), document.Check(operation));
            }
        }

        Assert.Equal(TextOperationError.SplitsSurrogatePair, new TextDocument(text, 2).Check(TextOperation.Splice(text.Length, 2, 0, "x")));
    }

    [Fact]
    public void Typing_on_at_the_end_fills_blocks_instead_of_splitting_one_per_keystroke()
    {
        var document = new TextDocument("", 16);
        var text = "";
        for (var i = 0; i < 1_000; i++)
        {
            document.Apply(TextOperation.Splice(text.Length, text.Length, 0, "k"));
            text += "k";
        }

        Assert.Equal(text, document.ToString());
        // Blocks at least half full: 1,000 code units in at most 1,000 / 8 + 1 blocks.
        Assert.InRange(document.BlockCount, 1, (1_000 / 8) + 1);
    }

    [Fact]
    public void Deleting_everything_leaves_an_empty_document_that_takes_text_again()
    {
        var document = new TextDocument("abcdefghij", 4);
        document.Apply(TextOperation.Splice(10, 0, 10, ""));
        Assert.Equal(0, document.Length);
        Assert.Equal("", document.ToString());
        document.Apply(TextOperation.Splice(0, 0, 0, "xyz"));
        Assert.Equal("xyz", document.ToString());
    }

    private static string RandomText(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(0, maxPieces + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));

    // Keystrokes near one of two cursors (like two editors in one room), sometimes a paste or a long
    // delete, sometimes an operation of several edits.
    private static TextOperation RandomOperation(Random random, string text)
    {
        if (random.Next(10) == 0)
        {
            return OtCases.Interpret(text, Enumerable.Range(0, random.Next(0, 10)).Select(_ => random.Next(10_000)).ToArray());
        }

        var boundaries = Enumerable.Range(0, text.Length + 1)
            .Where(i => i == 0 || i == text.Length || !(char.IsHighSurrogate(text[i - 1]) && char.IsLowSurrogate(text[i])))
            .ToArray();
        var start = boundaries[random.Next(2) == 0 ? random.Next(Math.Min(3, boundaries.Length)) : boundaries.Length - 1 - random.Next(Math.Min(3, boundaries.Length))];
        if (random.Next(3) == 0)
        {
            start = boundaries[random.Next(boundaries.Length)];
        }

        var ends = boundaries.Where(b => b >= start && b - start <= (random.Next(8) == 0 ? 40 : 2)).ToArray();
        var end = text.Length > 60 || random.Next(3) == 0 ? ends[random.Next(ends.Length)] : start;
        return TextOperation.Splice(text.Length, start, end - start, RandomText(random, random.Next(8) == 0 ? 30 : 2));
    }
}
