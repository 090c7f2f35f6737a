using PocTracker.Reports.Pdf;
using SkiaSharp;

namespace PocTracker.Reports.UnitTests;

public sealed class TextFittingTests
{
    private static readonly SKFont Font = new(PdfFonts.Regular, 8);

    [Fact]
    public void Lines_wrap_on_spaces_and_stay_within_the_width()
    {
        var lines = TextFitting.Lines("Plataforma de observabilidade distribuída com rastreamento", Font, 80, 5);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(Font.MeasureText(line) <= 80, line));
        Assert.Equal("Plataforma de observabilidade distribuída com rastreamento", string.Join(' ', lines));
    }

    [Fact]
    public void Text_beyond_the_last_line_ends_with_an_ellipsis()
    {
        var lines = TextFitting.Lines(string.Concat(Enumerable.Repeat("palavra ", 100)), Font, 80, 2);

        Assert.Equal(2, lines.Count);
        Assert.EndsWith("…", lines[1], StringComparison.Ordinal);
        Assert.True(Font.MeasureText(lines[1]) <= 80);
    }

    [Fact]
    public void A_word_longer_than_a_line_is_broken()
    {
        var lines = TextFitting.Lines(new string('x', 200), Font, 50, 100);

        Assert.True(lines.Count > 2);
        Assert.All(lines, line => Assert.True(Font.MeasureText(line) <= 50));
        Assert.Equal(200, lines.Sum(l => l.Length));
    }

    [Fact]
    public void Short_text_is_left_alone_and_blank_text_gives_no_line()
    {
        Assert.Equal("C#", TextFitting.Truncate("C#", Font, 50));
        Assert.Empty(TextFitting.Lines("  \n ", Font, 50, 2));
    }

    [Fact]
    public void Decomposed_accents_are_composed_and_line_breaks_become_spaces()
    {
        Assert.Equal("ação rápida", TextFitting.Truncate("ac\u0327a\u0303o\r\n\trápida", Font, 500));
    }

    [Fact]
    public void An_ellipsis_never_splits_a_surrogate_pair()
    {
        var cut = TextFitting.Truncate(string.Concat(Enumerable.Repeat("😀", 40)), Font, 30);

        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.All(cut.TrimEnd('…').Chunk(2), pair => Assert.True(char.IsSurrogatePair(pair[0], pair[1])));
    }
}
