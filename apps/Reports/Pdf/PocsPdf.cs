using PocTracker.Contracts.Pocs;
using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The PDF form of POCs: an A4 cover (tenant, user, filters, generation time), a summary with charts,
/// then every POC in a table whose header row repeats on each page, "Page n of N" at the foot of every
/// page, text drawn in embedded DejaVu Sans (selectable and extractable).
/// </summary>
/// <remarks>
/// One pass over the POCs: each is counted into the summary's tallies and fitted into a compact
/// table row (only the text that will show, a few hundred bytes), so memory grows with the rows
/// printed, never with whole POCs (descriptions of 10,000 characters, notes) — about 30–40 MB for
/// 100,000 POCs. With everything counted and every row measured, the page count is known before
/// the first page is drawn; then SkiaSharp's PDF backend writes page after page to the output.
/// The output is written synchronously (SkiaSharp's stream is not async): give it a file or memory
/// stream, not a response body.
/// </remarks>
internal static class PocsPdf
{
    public static async Task<PdfReportResult> WriteAsync(
        IAsyncEnumerable<PocDto> pocs, PdfReportInfo info, TimeProvider time, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(time);
        var text = PdfReportText.For(info.Culture);
        var now = time.GetUtcNow();
        using var type = new PdfTypesetter();
        var table = new PocTable(type, text);
        var tally = new PocTally(now);
        var rows = new List<PocTableRow>();
        await foreach (var poc in pocs.WithCancellation(cancellationToken))
        {
            tally.Add(poc);
            rows.Add(table.Fit(poc));
        }

        var summary = new SummaryPages(type, text, tally);
        var tablePages = PocTable.Paginate(rows);
        var pageCount = 1 + summary.PageCount + tablePages.Count;
        var footer = $"PocTracker · {text.Title} · {info.Tenant} · {text.Timestamp(now)}";
        var page = 0;

        using var stream = new SKManagedWStream(output);
        using var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = text.Title,
            Subject = DisplayText.Clean(info.Tenant),
            Author = DisplayText.Clean(info.User),
            Creator = "PocTracker",
            Producer = "PocTracker reports (SkiaSharp)",
            Creation = now.UtcDateTime,
            Modified = now.UtcDateTime,
            // A struct built field by field starts at quality 0, which makes Skia store the charts
            // as blurry JPEGs; 101 keeps them lossless (flat-colour PNGs compress well anyway).
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
        });

        void Page(Action<SKCanvas> draw)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var canvas = document.BeginPage(PdfTypesetter.PageWidth, PdfTypesetter.PageHeight);
            draw(canvas);
            type.Footer(canvas, footer, text.Page(++page, pageCount));
            document.EndPage();
        }

        Page(canvas => CoverPage.Draw(canvas, type, text, info, now, tally.Total));
        for (var i = 0; i < summary.PageCount; i++)
        {
            Page(canvas => summary.Draw(canvas, i));
        }

        foreach (var range in tablePages)
        {
            Page(canvas => table.DrawPage(canvas, rows, range, tally.Total));
        }

        document.Close();
        return new PdfReportResult(tally.Total, pageCount);
    }
}
