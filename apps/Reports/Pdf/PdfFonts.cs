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

    public static SKTypeface Regular => Faces.Value.Regular;

    public static SKTypeface Bold => Faces.Value.Bold;

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
}
