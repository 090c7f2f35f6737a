using PocTracker.Sdk.Dojo.Editor;

namespace PocTracker.Sdk.UnitTests.Dojo;

public sealed class TextLinesTests
{
    [Fact]
    public void Positions_are_one_based_lines_split_at_LF_with_columns_in_UTF16_code_units()
    {
        var lines = new TextLines("ab\n😀c\n\nd");

        Assert.Equal(4, lines.LineCount);
        Assert.Equal(new EditorPosition(1, 1), lines.PositionAt(0));
        Assert.Equal(new EditorPosition(1, 3), lines.PositionAt(2)); // before the \n: end of line 1
        Assert.Equal(new EditorPosition(2, 1), lines.PositionAt(3));
        Assert.Equal(new EditorPosition(2, 4), lines.PositionAt(6)); // 😀 is two columns
        Assert.Equal(new EditorPosition(3, 1), lines.PositionAt(7));
        Assert.Equal(new EditorPosition(4, 1), lines.PositionAt(8));
        Assert.Equal(new EditorPosition(4, 2), lines.PositionAt(9));
        Assert.Equal(new EditorPosition(4, 2), lines.PositionAt(99)); // clamped, as Monaco clamps
        Assert.Equal(new EditorPosition(1, 1), new TextLines("").PositionAt(0));
    }

    [Fact]
    public void Offsets_of_positions_are_validated_as_Monaco_validates_them()
    {
        var lines = new TextLines("ab\n😀c\n\nd");

        Assert.Equal(3, lines.OffsetAt(new EditorPosition(2, 1)));
        Assert.Equal(2, lines.OffsetAt(new EditorPosition(1, 50))); // column past the line end: the end
        Assert.Equal(3, lines.OffsetAt(new EditorPosition(2, 2))); // between the halves of 😀: before it
        Assert.Equal(0, lines.OffsetAt(new EditorPosition(0, 5)));
        Assert.Equal(9, lines.OffsetAt(new EditorPosition(9, 1)));
        Assert.Equal([2, 3, 0, 1], Enumerable.Range(1, 4).Select(lines.LineLength));
    }

    [Fact]
    public void Random_texts_round_trip_between_offsets_and_positions()
    {
        var random = new Random(77);
        for (var run = 0; run < 500; run++)
        {
            var text = EditorEditsTests.RandomText(random, random.Next(0, 30));
            var lines = new TextLines(text);
            foreach (var offset in EditorEditsTests.Boundaries(text))
            {
                var position = lines.PositionAt(offset);
                var before = text[..offset];
                Assert.Equal(before.Count(c => c == '\n') + 1, position.LineNumber);
                Assert.Equal(offset - (before.LastIndexOf('\n') + 1) + 1, position.Column);
                Assert.Equal(offset, lines.OffsetAt(position));
            }
        }
    }
}
