using System.Text;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo.Editor;

namespace PocTracker.Sdk.UnitTests.Dojo;

public sealed class EditorEditsTests
{
    private static readonly string[] Pieces = ["a", "b", "x", " ", "\n", "é", "ção", "😀", "𝄞", "\t", "{}", "🇧🇷"];

    [Fact]
    public void A_batch_reported_from_the_end_backwards_becomes_one_operation_against_the_text_before_it()
    {
        // Monaco reports a multi-cursor edit's changes last first, each relative to the model before the edit.
        EditorEdit[] batch = [new(7, 1, "Y"), new(4, 0, "😀"), new(0, 2, "")];

        var operation = EditorEdits.ToOperation("ab\ncd\nef\n".Length, batch);

        Assert.Equal(new TextOperationBuilder().Delete(2).Retain(2).Insert("😀").Retain(3).Insert("Y").Delete(1).Retain(1).Build(), operation);
        Assert.Equal("\nc😀d\neY\n", operation.Apply("ab\ncd\nef\n"));
        Assert.Equal("\nc😀d\neY\n", EditorEdits.Apply("ab\ncd\nef\n", batch));
    }

    [Fact]
    public void Inserts_at_one_offset_keep_their_batch_order_and_an_insert_at_a_replaced_ranges_start_goes_before_it()
    {
        EditorEdit[] batch = [new(1, 2, "R"), new(1, 0, "A"), new(1, 0, "B")];

        Assert.Equal("xABRy", EditorEdits.ToOperation(4, batch).Apply("xbcy"));
        Assert.Equal("xABRy", EditorEdits.Apply("xbcy", batch));
    }

    [Fact]
    public void Overlapping_or_outside_edits_and_text_a_document_may_not_hold_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EditorEdits.ToOperation(5, [new(0, 3, ""), new(2, 1, "")]));
        Assert.Throws<ArgumentException>(() => EditorEdits.ToOperation(5, [new(4, 2, "")]));
        Assert.Throws<ArgumentException>(() => EditorEdits.ToOperation(5, [new(-1, 0, "a")]));
        Assert.Throws<ArgumentException>(() => EditorEdits.Apply("abcde", [new(0, 3, ""), new(2, 1, "")]));
        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => EditorEdits.ToOperation(5, [new(1, 0, "\r\n")])).Error);
    }

    [Fact]
    public void A_remote_operation_becomes_replacements_in_the_text_before_it_in_ascending_order()
    {
        var operation = new TextOperationBuilder().Retain(1).Insert("ab").Delete(2).Retain(3).Delete(1).Insert("z").Build();

        var edits = EditorEdits.FromOperation(operation);

        Assert.Equal([new EditorEdit(1, 2, "ab"), new EditorEdit(6, 1, "z")], edits);
        Assert.Equal(operation.Apply("0123456"), EditorEdits.Apply("0123456", edits));
    }

    [Fact]
    public void Random_batches_applied_as_edits_equal_their_operation_and_round_trip()
    {
        var random = new Random(20261204);
        for (var run = 0; run < 2_000; run++)
        {
            var text = RandomText(random, random.Next(0, 40));
            var batch = RandomBatch(random, text);

            var operation = EditorEdits.ToOperation(text.Length, batch);
            var expected = ApplyByHand(text, batch);
            Assert.Equal(expected, operation.Apply(text));
            Assert.Equal(expected, EditorEdits.Apply(text, batch));

            var back = EditorEdits.FromOperation(operation);
            Assert.Equal(expected, EditorEdits.Apply(text, back));
            Assert.Equal(operation, EditorEdits.ToOperation(text.Length, back));
            Assert.True(back.Zip(back.Skip(1)).All(p => p.First.Offset + p.First.RemovedLength < p.Second.Offset), "ascending, separated by kept text");
        }
    }

    [Fact]
    public void Random_operations_become_edits_that_make_the_same_text()
    {
        var random = new Random(4551);
        for (var run = 0; run < 2_000; run++)
        {
            var text = RandomText(random, random.Next(0, 40));
            var operation = RandomOperation(random, text);

            var edits = EditorEdits.FromOperation(operation);

            Assert.Equal(operation.Apply(text), EditorEdits.Apply(text, edits));
            Assert.Equal(operation.Apply(text), ApplyByHand(text, edits));
            Assert.Equal(operation, EditorEdits.ToOperation(text.Length, edits));
        }
    }

    [Fact]
    public void A_reset_becomes_the_few_edits_between_the_editors_text_and_the_rooms()
    {
        var random = new Random(1509);
        for (var run = 0; run < 300; run++)
        {
            var before = RandomText(random, random.Next(0, 30));
            var after = RandomOperation(random, before).Apply(before);

            Assert.Equal(after, EditorEdits.Apply(before, EditorEdits.Between(before, after)));
        }

        Assert.Equal([new EditorEdit(4, 0, "typed ")], EditorEdits.Between("let x = 1;\nlet y;", "let typed x = 1;\nlet y;"));
    }

    internal static string RandomText(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Offsets where a cut leaves no half of a surrogate pair (editors never cut inside one).</summary>
    internal static List<int> Boundaries(string text) =>
        [.. Enumerable.Range(0, text.Length + 1).Where(i => i == 0 || i == text.Length || !char.IsLowSurrogate(text[i]))];

    private static EditorEdit[] RandomBatch(Random random, string text)
    {
        var boundaries = Boundaries(text);
        var cuts = Enumerable.Range(0, random.Next(0, 5) * 2).Select(_ => boundaries[random.Next(boundaries.Count)]).Order().ToList();
        var edits = new List<EditorEdit>();
        for (var i = 0; i < cuts.Count; i += 2)
        {
            if (i > 0 && cuts[i] == cuts[i - 1] && random.Next(2) == 0)
            {
                continue; // sometimes touching, sometimes not
            }

            edits.Add(new EditorEdit(cuts[i], cuts[i + 1] - cuts[i], random.Next(3) == 0 ? "" : RandomText(random, random.Next(1, 4))));
        }

        // Monaco reports last first; any order must do.
        return [.. edits.OrderBy(_ => random.Next())];
    }

    private static TextOperation RandomOperation(Random random, string text)
    {
        var builder = new TextOperationBuilder();
        var boundaries = Boundaries(text);
        var position = 0;
        while (position < text.Length)
        {
            var next = boundaries.First(b => b > position && (b == text.Length || random.Next(3) == 0));
            switch (random.Next(3))
            {
                case 0:
                    builder.Retain(next - position);
                    break;
                case 1:
                    builder.Delete(next - position);
                    break;
                default:
                    builder.Insert(RandomText(random, random.Next(1, 3))).Retain(next - position);
                    break;
            }

            position = next;
        }

        if (random.Next(2) == 0)
        {
            builder.Insert(RandomText(random, 1));
        }

        return builder.Build();
    }

    /// <summary>The reference: each edit spliced into the text, last (by offset) first, so earlier offsets hold.</summary>
    private static string ApplyByHand(string text, IReadOnlyList<EditorEdit> batch)
    {
        foreach (var edit in batch.Select((e, i) => (e, i)).OrderByDescending(p => p.e.Offset + p.e.RemovedLength).ThenByDescending(p => p.e.Offset).ThenByDescending(p => p.i).Select(p => p.e))
        {
            text = string.Concat(text.AsSpan(0, edit.Offset), edit.InsertedText, text.AsSpan(edit.Offset + edit.RemovedLength));
        }

        return text;
    }
}
