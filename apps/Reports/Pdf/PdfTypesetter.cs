using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The page geometry (A4 in points, margins) and the one way text is drawn: real text runs in
/// DejaVu Sans, so the PDF's text can be selected, searched and extracted. Holds the fonts and
/// paints of one report; dispose it with the report.
/// </summary>
internal sealed class PdfTypesetter : IDisposable
{
    /// <summary>A4 is 210 × 297 mm: 595.28 × 841.89 points.</summary>
    public const float PageWidth = 595.28f;

    public const float PageHeight = 841.89f;

    public const float Margin = 42f;

    public const float ContentWidth = PageWidth - (2 * Margin);

    /// <summary>Content ends here; the footer (page number) lives below.</summary>
    public const float ContentBottom = PageHeight - 60f;

    public static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    public static readonly SKColor Muted = new(0x6B, 0x72, 0x80);
    public static readonly SKColor Accent = new(0x3B, 0x6E, 0xA5);
    public static readonly SKColor Rule = new(0xD5, 0xDA, 0xE1);
    public static readonly SKColor Shade = new(0xEE, 0xF1, 0xF5);
    public static readonly SKColor Stripe = new(0xF7, 0xF8, 0xFA);

    private readonly Dictionary<(bool Bold, float Size), SKFont> _fonts = [];
    private readonly SKPaint _text = new() { IsAntialias = true };
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _line = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f };

    public SKFont Font(float size, bool bold = false)
    {
        if (!_fonts.TryGetValue((bold, size), out var font))
        {
            // Unhinted, unrounded advances: the PDF then places glyphs exactly where the font's own
            // widths put them, so text extractors see words, not letters with stray gaps.
            font = new SKFont(bold ? PdfFonts.Bold : PdfFonts.Regular, size) { Subpixel = true, Hinting = SKFontHinting.None, LinearMetrics = true };
            _fonts[(bold, size)] = font;
        }

        return font;
    }

    /// <summary>Draws one line of text with its baseline at <paramref name="baseline"/>.</summary>
    public void Text(SKCanvas canvas, string text, float x, float baseline, float size, bool bold = false, SKColor? color = null, SKTextAlign align = SKTextAlign.Left)
    {
        if (text.Length == 0)
        {
            return;
        }

        _text.Color = color ?? Ink;
        canvas.DrawText(text, x, baseline, align, Font(size, bold), _text);
    }

    public void Fill(SKCanvas canvas, SKRect rect, SKColor color)
    {
        _fill.Color = color;
        canvas.DrawRect(rect, _fill);
    }

    public void Line(SKCanvas canvas, float x0, float y0, float x1, float y1, SKColor? color = null)
    {
        _line.Color = color ?? Rule;
        canvas.DrawLine(x0, y0, x1, y1, _line);
    }

    /// <summary>The footer of every page: what the document is, on the left; "Page n of N", on the right.</summary>
    public void Footer(SKCanvas canvas, string left, string pageOf)
    {
        var y = PageHeight - 40f;
        Line(canvas, Margin, y, PageWidth - Margin, y);
        Text(canvas, TextFitting.Truncate(left, Font(7.5f), ContentWidth - 120), Margin, y + 13, 7.5f, color: Muted);
        Text(canvas, pageOf, PageWidth - Margin, y + 13, 7.5f, color: Muted, align: SKTextAlign.Right);
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _text.Dispose();
        _fill.Dispose();
        _line.Dispose();
    }
}
