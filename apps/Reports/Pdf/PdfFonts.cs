using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The report's typefaces: DejaVu Sans from Debian's <c>fonts-dejavu-core</c>, loaded from its files
/// rather than through the system font manager, so every machine draws the same glyphs (accents,
/// <c>ç</c>, <c>ã</c>…) and the PDF embeds that font instead of naming one the reader may lack. The
/// charts use the same files through ScottPlot's font list.
/// </summary>
internal static class PdfFonts
{
    /// <summary>Where <c>fonts-dejavu-core</c> installs the fonts (scripts/prerequisites.sh installs the package).</summary>
    public const string Directory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The family name the charts ask ScottPlot for.</summary>
    public const string ChartFamily = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Faces = new(Load);

    private static readonly Lazy<System.Collections.BitArray> Coverage = new(FindCoverage);

    public static SKTypeface Regular => Faces.Value.Regular;

    public static SKTypeface Bold => Faces.Value.Bold;

    /// <summary>
    /// Whether both faces have a glyph for <paramref name="codePoint"/> (names are bold, the rest
    /// regular): the characters the report can draw. Looked up once for every code point.
    /// </summary>
    public static bool Draws(int codePoint) => (uint)codePoint < (uint)Coverage.Value.Length && Coverage.Value[codePoint];

    private static (SKTypeface Regular, SKTypeface Bold) Load()
    {
        var regular = Path.Combine(Directory, "DejaVuSans.ttf");
        var bold = Path.Combine(Directory, "DejaVuSans-Bold.ttf");
        foreach (var file in new[] { regular, bold })
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"The PDF report needs {file}: install the Debian package fonts-dejavu-core.");
            }
        }

        // ScottPlot keeps one process-wide font list; registering here, once, keeps it in step.
        ScottPlot.Fonts.AddFontFile(ChartFamily, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(ChartFamily, bold, bold: true, italic: false);
        return (SKTypeface.FromFile(regular), SKTypeface.FromFile(bold));
    }

    private static System.Collections.BitArray FindCoverage()
    {
        const int CodePoints = 0x110000;
        const int Chunk = 0x10000;
        var coverage = new System.Collections.BitArray(CodePoints);
        using var regular = new SKFont(Regular);
        using var bold = new SKFont(Bold);
        var codePoints = new int[Chunk];
        var regularGlyphs = new ushort[Chunk];
        var boldGlyphs = new ushort[Chunk];
        for (var start = 0; start < CodePoints; start += Chunk)
        {
            for (var i = 0; i < Chunk; i++)
            {
                codePoints[i] = start + i;
            }

            regular.GetGlyphs(codePoints, regularGlyphs);
            bold.GetGlyphs(codePoints, boldGlyphs);
            for (var i = 0; i < Chunk; i++)
            {
                // Glyph 0 is the font's "missing" glyph.
                coverage[start + i] = regularGlyphs[i] != 0 && boldGlyphs[i] != 0;
            }
        }

        return coverage;
    }
}
