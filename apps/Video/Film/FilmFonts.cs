using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>
/// The film's typefaces, loaded from files so every machine draws the same letters: Inter (Debian
/// <c>fonts-inter</c>, SIL OFL) for the text, DejaVu Sans (<c>fonts-dejavu-core</c>) for the glyphs Inter
/// lacks and as the whole face where Inter is not installed, DejaVu Sans Mono for repository addresses.
/// One instance serves every film (typefaces are immutable and thread-safe).
/// </summary>
internal sealed class FilmFonts : IDisposable
{
    public const string InterDirectory = "/usr/share/fonts/opentype/inter";
    public const string DejaVuDirectory = "/usr/share/fonts/truetype/dejavu";

    private readonly List<SKTypeface> _loaded = [];

    public FilmFonts()
    {
        var dejaVu = Load(DejaVuDirectory, "DejaVuSans.ttf")
            ?? throw new InvalidOperationException($"The film needs {DejaVuDirectory}/DejaVuSans.ttf: install the Debian package fonts-dejavu-core.");
        var dejaVuBold = Load(DejaVuDirectory, "DejaVuSans-Bold.ttf") ?? dejaVu;
        Regular = new FilmFace(Load(InterDirectory, "Inter-Regular.otf") ?? dejaVu, dejaVu);
        SemiBold = new FilmFace(Load(InterDirectory, "Inter-SemiBold.otf") ?? dejaVuBold, dejaVuBold);
        Bold = new FilmFace(Load(InterDirectory, "InterDisplay-Bold.otf") ?? Load(InterDirectory, "Inter-Bold.otf") ?? dejaVuBold, dejaVuBold);
        Mono = new FilmFace(Load(DejaVuDirectory, "DejaVuSansMono.ttf") ?? dejaVu, dejaVu);
    }

    public FilmFace Regular { get; }

    public FilmFace SemiBold { get; }

    /// <summary>Headlines: Inter Display, drawn for large sizes.</summary>
    public FilmFace Bold { get; }

    public FilmFace Mono { get; }

    public void Dispose()
    {
        Regular.Dispose();
        SemiBold.Dispose();
        Bold.Dispose();
        Mono.Dispose();
        foreach (var typeface in _loaded)
        {
            typeface.Dispose();
        }
    }

    private SKTypeface? Load(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return null;
        }

        var typeface = SKTypeface.FromFile(path);
        if (typeface is not null)
        {
            _loaded.Add(typeface);
        }

        return typeface;
    }
}
