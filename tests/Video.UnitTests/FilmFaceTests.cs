using PocTracker.Video.Film;

namespace PocTracker.Video.UnitTests;

public sealed class FilmFaceTests : IDisposable
{
    private readonly FilmFonts _fonts = new();

    public void Dispose() => _fonts.Dispose();

    [Fact]
    public void Text_wraps_at_words_and_ends_in_an_ellipsis_when_it_does_not_fit()
    {
        var text = "one two three four five six seven eight nine ten eleven twelve";
        var width = _fonts.Regular.Measure("one two three four", 20);

        var lines = _fonts.Regular.Wrap(text, 20, width, 2);

        Assert.Equal(2, lines.Count);
        Assert.Equal("one two three four", lines[0]);
        Assert.EndsWith("…", lines[1], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(_fonts.Regular.Measure(line, 20) <= width));
        Assert.Empty(_fonts.Regular.Wrap(text, 20, width, 0));
        Assert.Equal([text], _fonts.Regular.Wrap(text, 20, 10_000, 3));
    }

    [Fact]
    public void Glyphs_inter_lacks_are_drawn_with_the_fallback()
    {
        const string Symbols = "☃♞⚙";
        var inter = _fonts.Regular.Primary;
        using var dejaVu = SkiaSharp.SKTypeface.FromFile(Path.Combine(FilmFonts.DejaVuDirectory, "DejaVuSans.ttf"));
        using (var interFont = new SkiaSharp.SKFont(inter))
        using (var dejaVuFont = new SkiaSharp.SKFont(dejaVu))
        {
            Assert.StartsWith("Inter", inter.FamilyName, StringComparison.Ordinal);
            Assert.All(Symbols.EnumerateRunes(), rune => Assert.False(interFont.ContainsGlyph(rune.Value)));
            Assert.All(Symbols.EnumerateRunes(), rune => Assert.True(dejaVuFont.ContainsGlyph(rune.Value)));
        }

        using var interOnly = new FilmFace(inter, inter);
        using var dejaVuOnly = new FilmFace(dejaVu, dejaVu);

        // The symbols take DejaVu's widths, not Inter's missing-glyph boxes; the letters keep Inter's.
        Assert.Equal(dejaVuOnly.Measure(Symbols, 40), _fonts.Regular.Measure(Symbols, 40), 2);
        Assert.NotEqual(interOnly.Measure(Symbols, 40), _fonts.Regular.Measure(Symbols, 40), 2);
        Assert.Equal(interOnly.Measure("Ação", 40), _fonts.Regular.Measure("Ação", 40), 2);
    }
}
