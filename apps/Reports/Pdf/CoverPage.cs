using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>The first page: what the report is, whose it is, when it was made and which filters chose its POCs.</summary>
internal static class CoverPage
{
    private const float LabelWidth = 150f;

    public static void Draw(SKCanvas canvas, PdfTypesetter type, PdfReportText text, PdfReportInfo info, DateTimeOffset generatedAt, long total)
    {
        var left = PdfTypesetter.Margin;
        var y = 120f;
        type.Text(canvas, "PocTracker", left, y, 12, color: PdfTypesetter.Accent, bold: true);
        y += 38;
        type.Text(canvas, text.Title, left, y, 28, bold: true);
        y += 16;
        type.Fill(canvas, new SKRect(left, y, left + 64, y + 3), PdfTypesetter.Accent);
        y += 40;

        foreach (var (label, value) in new[]
        {
            (text.Tenant, info.Tenant),
            (text.GeneratedBy, info.User),
            (text.GeneratedAt, text.Timestamp(generatedAt)),
            (text.Total, text.Number(total)),
        })
        {
            type.Text(canvas, label, left, y, 9, color: PdfTypesetter.Muted);
            type.Text(canvas, TextFitting.Truncate(value, type.Font(13), PdfTypesetter.ContentWidth), left, y + 17, 13);
            y += 36;
        }

        y += 10;
        type.Text(canvas, text.Filters, left, y, 14, bold: true);
        y += 8;
        type.Line(canvas, left, y, PdfTypesetter.PageWidth - PdfTypesetter.Margin, y);
        y += 18;
        if (info.Filters.Count == 0)
        {
            type.Text(canvas, text.NoFilters, left, y, 10, color: PdfTypesetter.Muted);
            y += 16;
        }

        foreach (var (name, value) in info.Filters)
        {
            type.Text(canvas, TextFitting.Truncate(text.FilterName(name), type.Font(10, bold: true), LabelWidth - 8), left, y, 10, bold: true);
            var lines = TextFitting.Lines(text.FilterValue(name, value), type.Font(10), PdfTypesetter.ContentWidth - LabelWidth, 2);
            foreach (var line in lines)
            {
                type.Text(canvas, line, left + LabelWidth, y, 10);
                y += 14;
            }

            y += 4;
        }

        if (total == 0)
        {
            y += 24;
            type.Fill(canvas, new SKRect(left, y, PdfTypesetter.PageWidth - PdfTypesetter.Margin, y + 36), PdfTypesetter.Shade);
            type.Text(canvas, text.NoPocs, left + 12, y + 22, 12, bold: true);
        }
    }
}
