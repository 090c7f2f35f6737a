using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace PocTracker.Reports.UnitTests;

/// <summary>A report rendered from given POCs and read back with PdfPig: its pages' words, as a reader's tool sees them.</summary>
internal sealed class RenderedReport
{
    private RenderedReport(byte[] bytes, IReadOnlyList<PocDto> pocs, PdfReportResult result)
    {
        Bytes = bytes;
        Pocs = pocs;
        Result = result;
        using var document = PdfDocument.Open(bytes);
        Pages = [.. document.GetPages().Select(p => new RenderedPage(p, EmbeddedFonts(document, p)))];
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<PocDto> Pocs { get; }

    public PdfReportResult Result { get; }

    public IReadOnlyList<RenderedPage> Pages { get; }

    public static readonly IReadOnlyList<(string, string)> Filters =
        [("q", "integração"), ("status", "done,in-progress"), ("createdFrom", "2025-06-01"), ("createdTo", "2026-11-30")];

    public static RenderedReport Render(
        IReadOnlyList<PocDto> pocs, string culture, IReadOnlyList<(string, string)>? filters = null, string tenant = "Acme Educação Ltda.", string user = "Joana Ñúñez")
    {
        var info = new PdfReportInfo(tenant, user, filters ?? Filters, CultureInfo.GetCultureInfo(culture));
        using var output = new MemoryStream();
        var result = PocsPdf.WriteAsync(GeneratedPocs.Stream(pocs), info, new FakeTimeProvider(GeneratedPocs.Now), output, CancellationToken.None)
            .GetAwaiter().GetResult();
        return new RenderedReport(output.ToArray(), pocs, result);
    }

    /// <summary>Each font the page uses, and whether the PDF carries its glyphs (a FontFile stream in its descriptor).</summary>
    private static Dictionary<string, bool> EmbeddedFonts(PdfDocument document, Page page)
    {
        var fonts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var resources = Resolve<DictionaryToken>(document, page.Dictionary.Data["Resources"]);
        var fontResources = Resolve<DictionaryToken>(document, resources.Data["Font"]);
        foreach (var token in fontResources.Data.Values)
        {
            var font = Resolve<DictionaryToken>(document, token);
            var owner = font.Data.TryGetValue("DescendantFonts", out var descendants)
                ? Resolve<DictionaryToken>(document, Resolve<ArrayToken>(document, descendants).Data[0])
                : font;
            var embedded = owner.Data.TryGetValue("FontDescriptor", out var descriptorToken)
                && Resolve<DictionaryToken>(document, descriptorToken).Data.Keys.Any(k => k.StartsWith("FontFile", StringComparison.Ordinal));
            fonts[((NameToken)font.Data["BaseFont"]).Data] = embedded;
        }

        return fonts;
    }

    private static T Resolve<T>(PdfDocument document, IToken token)
        where T : IToken =>
        (T)(token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token);
}

/// <summary>One page's size, words (as PdfPig extracts them, joined by spaces), fonts and image count.</summary>
internal sealed class RenderedPage
{
    public RenderedPage(Page page, IReadOnlyDictionary<string, bool> embeddedFonts)
    {
        EmbeddedFonts = embeddedFonts;
        Number = page.Number;
        Width = page.Width;
        Height = page.Height;
        Size = page.Size;
        Text = string.Join(' ', page.GetWords().Select(w => w.Text));
        FontNames = [.. page.Letters.Select(l => l.FontName ?? "").Distinct()];
        Images = page.NumberOfImages;
    }

    public int Number { get; }

    public double Width { get; }

    public double Height { get; }

    public PageSize Size { get; }

    public string Text { get; }

    public IReadOnlyList<string> FontNames { get; }

    public int Images { get; }

    /// <summary>Font name (as in the PDF) → whether its glyphs are embedded.</summary>
    public IReadOnlyDictionary<string, bool> EmbeddedFonts { get; }
}
