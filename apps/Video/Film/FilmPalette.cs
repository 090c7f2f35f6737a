using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>The film's colours: light text on a deep blue-violet night, one accent per kind of thing.</summary>
internal static class FilmPalette
{
    public static readonly SKColor Top = new(0x0B, 0x10, 0x20);
    public static readonly SKColor Bottom = new(0x1E, 0x16, 0x4A);
    public static readonly SKColor GlowViolet = new(0x7C, 0x3A, 0xED, 0x60);
    public static readonly SKColor GlowCyan = new(0x06, 0xB6, 0xD4, 0x38);
    public static readonly SKColor Text = new(0xF8, 0xFA, 0xFC);
    public static readonly SKColor Muted = new(0xA8, 0xB3, 0xCF);
    public static readonly SKColor Accent = new(0xC4, 0xB5, 0xFD);
    public static readonly SKColor Accent2 = new(0x67, 0xE8, 0xF9);
    public static readonly SKColor Surface = new(0xFF, 0xFF, 0xFF, 0x14);
    public static readonly SKColor Border = new(0xFF, 0xFF, 0xFF, 0x26);
    public static readonly SKColor CaptionBand = new(0x05, 0x07, 0x12, 0xB0);

    /// <summary>The colour of a status chip.</summary>
    public static SKColor Status(string status) => status switch
    {
        "done" => new SKColor(0x34, 0xD3, 0x99),
        "in-progress" => new SKColor(0xFB, 0xBF, 0x24),
        "idea" => new SKColor(0x60, 0xA5, 0xFA),
        _ => new SKColor(0x94, 0xA3, 0xB8),
    };
}
