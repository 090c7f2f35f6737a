using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The summary, drawn once every POC has been counted: key figures (total and per status), then
/// creations per month over the last twelve months, POCs by status, by language and the top tags,
/// each as a chart with its exact numbers printed beside or under it. Two pages; one with only the
/// key figures and a "none" note when there are no POCs.
/// </summary>
internal sealed class SummaryPages(PdfTypesetter type, PdfReportText text, PocTally tally)
{
    public const int TopLanguages = 8;
    public const int TopTags = 10;

    private const float RowHeight = 14f;
    private const float ChartWidth = 300f;
    private const float TableGap = 16f;

    private static readonly Dictionary<string, SKColor> StatusColors = new(StringComparer.Ordinal)
    {
        ["idea"] = new SKColor(0x8E, 0x9A, 0xAF),
        ["in-progress"] = new SKColor(0xE0, 0xA0, 0x30),
        ["done"] = new SKColor(0x3C, 0x9D, 0x5D),
        ["dropped"] = new SKColor(0xC0, 0x50, 0x4D),
    };

    public int PageCount => tally.Total == 0 ? 1 : 2;

    public void Draw(SKCanvas canvas, int page)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var y = PdfTypesetter.Margin;
        if (page == 0)
        {
            type.Text(canvas, text.Summary, PdfTypesetter.Margin, y + 18, 18, bold: true);
            y = KeyFigures(canvas, y + 34);
            if (tally.Total == 0)
            {
                type.Text(canvas, text.NoPocs, PdfTypesetter.Margin, y + 16, 12, bold: true);
                return;
            }

            y = Months(canvas, y);
            var statuses = tally.ByStatus();
            ChartAndNumbers(canvas, y, text.ByStatus, [.. statuses.Select(s => (text.Status(s.Status), s.Count))],
                i => ToScottPlot(StatusColors.GetValueOrDefault(statuses[i].Status, PdfTypesetter.Accent)));
        }
        else
        {
            var (languages, otherLanguages, otherCount) = tally.ByLanguage(TopLanguages);
            List<(string, long)> languageItems = [.. languages.Select(l => (l.Language.Length > 0 ? l.Language : text.NoLanguage, l.Count))];
            if (otherLanguages > 0)
            {
                languageItems.Add((string.Format(text.Culture, text.OtherLanguages, text.Number(otherLanguages)), otherCount));
            }

            y = ChartAndNumbers(canvas, y, text.ByLanguage, languageItems);
            ChartAndNumbers(canvas, y, text.TopTags, [.. tally.TopTags(TopTags)]);
        }
    }

    /// <summary>Boxes with the total and the count of each status, in large type.</summary>
    private float KeyFigures(SKCanvas canvas, float y)
    {
        List<(string Label, long Value)> figures = [(text.Total, tally.Total), .. PdfReportText.StatusOrder.Select(s => (text.Status(s), tally.Status(s)))];
        const float gap = 8f;
        var width = (PdfTypesetter.ContentWidth - (gap * (figures.Count - 1))) / figures.Count;
        for (var i = 0; i < figures.Count; i++)
        {
            var x = PdfTypesetter.Margin + (i * (width + gap));
            type.Fill(canvas, new SKRect(x, y, x + width, y + 52), PdfTypesetter.Shade);
            type.Text(canvas, text.Number(figures[i].Value), x + 10, y + 27, 18, bold: true, color: i == 0 ? PdfTypesetter.Accent : PdfTypesetter.Ink);
            type.Text(canvas, TextFitting.Truncate(figures[i].Label, type.Font(8), width - 20), x + 10, y + 43, 8, color: PdfTypesetter.Muted);
        }

        return y + 52 + 24;
    }

    /// <summary>A full-width column chart of the twelve months, with each month's count printed under it.</summary>
    private float Months(SKCanvas canvas, float y)
    {
        y = Heading(canvas, y, text.PerMonth);
        var months = tally.PerMonth();
        const float height = 150f;
        Image(canvas, PdfCharts.MonthColumns(months, text, PdfTypesetter.ContentWidth, height), new SKRect(PdfTypesetter.Margin, y, PdfTypesetter.Margin + PdfTypesetter.ContentWidth, y + height));
        y += height + 6;

        var cell = PdfTypesetter.ContentWidth / months.Count;
        for (var i = 0; i < months.Count; i++)
        {
            var center = PdfTypesetter.Margin + (cell * i) + (cell / 2);
            type.Text(canvas, text.Month(months[i].Month), center, y + 8, 7, color: PdfTypesetter.Muted, align: SKTextAlign.Center);
            type.Text(canvas, text.Number(months[i].Count), center, y + 20, 8.5f, bold: true, align: SKTextAlign.Center);
        }

        return y + 20 + 26;
    }

    /// <summary>A bar chart on the left and the same items as "label · count · share of all POCs" on the right.</summary>
    private float ChartAndNumbers(SKCanvas canvas, float y, string title, List<(string Label, long Count)> items, Func<int, ScottPlot.Color>? colorOf = null)
    {
        y = Heading(canvas, y, title);
        if (items.Count == 0)
        {
            type.Text(canvas, text.NoTags, PdfTypesetter.Margin, y + 10, 10, color: PdfTypesetter.Muted);
            return y + 34;
        }

        var height = Math.Max(100f, (items.Count * 17f) + 30f);
        Image(canvas, PdfCharts.HorizontalBars(items, text, ChartWidth, height, colorOf), new SKRect(PdfTypesetter.Margin, y, PdfTypesetter.Margin + ChartWidth, y + height));

        var left = PdfTypesetter.Margin + ChartWidth + TableGap;
        var right = PdfTypesetter.PageWidth - PdfTypesetter.Margin;
        var rowY = y + 6;
        foreach (var (label, count) in items)
        {
            type.Text(canvas, TextFitting.Truncate(label, type.Font(8.5f), right - left - 95), left, rowY + 10, 8.5f);
            type.Text(canvas, text.Number(count), right - 45, rowY + 10, 8.5f, bold: true, align: SKTextAlign.Right);
            type.Text(canvas, text.Percent((double)count / tally.Total), right, rowY + 10, 8f, color: PdfTypesetter.Muted, align: SKTextAlign.Right);
            type.Line(canvas, left, rowY + RowHeight, right, rowY + RowHeight);
            rowY += RowHeight;
        }

        return y + Math.Max(height, rowY - y) + 22;
    }

    private float Heading(SKCanvas canvas, float y, string title)
    {
        type.Text(canvas, title, PdfTypesetter.Margin, y + 12, 11, bold: true);
        return y + 20;
    }

    private static void Image(SKCanvas canvas, byte[] png, SKRect where)
    {
        using var image = SKImage.FromEncodedData(png);
        // The PDF keeps the PNG's full resolution; sampling only matters if it is ever rasterised.
        canvas.DrawImage(image, where, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
    }

    private static ScottPlot.Color ToScottPlot(SKColor color) => new(color.Red, color.Green, color.Blue);
}
