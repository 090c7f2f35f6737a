using SkiaSharp;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The POC table: columns, how a POC is fitted into a row, how rows are spread over pages, and how a
/// page of rows is drawn, with the header row at the top of every page. Names wrap to two lines and
/// tags to two; the description gets one line under the name; anything longer ends with "…".
/// </summary>
internal sealed class PocTable(PdfTypesetter type, PdfReportText text)
{
    private const float BodySize = 8f;
    private const float DescriptionSize = 7f;
    private const float LineHeight = 10f;
    private const float DescriptionLineHeight = 9f;
    private const float Padding = 4f;
    private const float HeaderHeight = 18f;
    private const float TitleHeight = 34f;

    // Widths in points; they add up to the content width (511.28).
    private static readonly float[] Widths = [30f, 185.28f, 58f, 74f, 104f, 60f];

    private readonly Dictionary<string, string> _fittedLanguages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fittedStatuses = new(StringComparer.Ordinal);

    private static float X(int column) => PdfTypesetter.Margin + Widths.Take(column).Sum();

    private static float CellWidth(int column) => Widths[column] - (2 * Padding);

    /// <summary>Fits a POC into a row; the text that does not show is dropped here, not kept.</summary>
    public PocTableRow Fit(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        var name = TextFitting.Lines(poc.Name, type.Font(BodySize, bold: true), CellWidth(1), 2);
        var description = TextFitting.Truncate(poc.Description, type.Font(DescriptionSize), CellWidth(1));
        var tags = TextFitting.Lines(string.Join(", ", poc.Tags), type.Font(BodySize), CellWidth(4), 2);
        var language = Shared(_fittedLanguages, poc.LanguageDisplayName ?? poc.Language ?? "—", 2);
        var status = Shared(_fittedStatuses, text.Status(poc.Status), 3);

        var nameHeight = (Math.Max(1, name.Count) * LineHeight) + (description.Length > 0 ? DescriptionLineHeight : 0);
        var height = (2 * Padding) + Math.Max(nameHeight, Math.Max(1, tags.Count) * LineHeight);
        return new PocTableRow(
            string.Join('\n', name),
            description.Length > 0 ? description : null,
            language,
            status,
            string.Join('\n', tags),
            DateOnly.FromDateTime(poc.CreatedAt.UtcDateTime),
            height);
    }

    /// <summary>
    /// Splits the rows into pages: each entry is the range of rows one page holds. The first page
    /// also carries the table's title. Known before anything is drawn, so every page can say
    /// "Page n of N".
    /// </summary>
    public static List<Range> Paginate(IReadOnlyList<PocTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pages = new List<Range>();
        var start = 0;
        var y = BodyTop(first: true);
        for (var i = 0; i < rows.Count; i++)
        {
            if (y + rows[i].Height > PdfTypesetter.ContentBottom && i > start)
            {
                pages.Add(start..i);
                start = i;
                y = BodyTop(first: false);
            }

            y += rows[i].Height;
        }

        if (rows.Count > start)
        {
            pages.Add(start..rows.Count);
        }

        return pages;
    }

    /// <summary>Draws one page of the table: the title on the first, the header row on every one, then the rows.</summary>
    public void DrawPage(SKCanvas canvas, IReadOnlyList<PocTableRow> rows, Range range, long totalPocs)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(rows);
        var (offset, count) = range.GetOffsetAndLength(rows.Count);
        var first = offset == 0;
        var y = PdfTypesetter.Margin;
        if (first)
        {
            type.Text(canvas, $"{text.TableTitle} ({text.Number(totalPocs)})", PdfTypesetter.Margin, y + 18, 16, bold: true);
            y += TitleHeight;
        }

        DrawHeader(canvas, y);
        y += HeaderHeight;
        for (var i = offset; i < offset + count; i++)
        {
            DrawRow(canvas, rows[i], i + 1, y, striped: i % 2 == 1);
            y += rows[i].Height;
        }

        type.Line(canvas, PdfTypesetter.Margin, y, PdfTypesetter.PageWidth - PdfTypesetter.Margin, y);
    }

    private static float BodyTop(bool first) => PdfTypesetter.Margin + (first ? TitleHeight : 0) + HeaderHeight;

    private void DrawHeader(SKCanvas canvas, float y)
    {
        type.Fill(canvas, new SKRect(PdfTypesetter.Margin, y, PdfTypesetter.PageWidth - PdfTypesetter.Margin, y + HeaderHeight), PdfTypesetter.Shade);
        var c = text.Columns;
        string[] headings = [c.Number, c.Name, c.Language, c.Status, c.Tags, c.Created];
        for (var column = 0; column < headings.Length; column++)
        {
            var heading = TextFitting.Truncate(headings[column], type.Font(BodySize, bold: true), CellWidth(column));
            if (column == 0)
            {
                type.Text(canvas, heading, X(1) - Padding, y + 12, BodySize, bold: true, align: SKTextAlign.Right);
            }
            else
            {
                type.Text(canvas, heading, X(column) + Padding, y + 12, BodySize, bold: true);
            }
        }
    }

    private void DrawRow(SKCanvas canvas, PocTableRow row, long number, float y, bool striped)
    {
        if (striped)
        {
            type.Fill(canvas, new SKRect(PdfTypesetter.Margin, y, PdfTypesetter.PageWidth - PdfTypesetter.Margin, y + row.Height), PdfTypesetter.Stripe);
        }

        var baseline = y + Padding + BodySize;
        type.Text(canvas, text.Number(number), X(1) - Padding, baseline, BodySize, color: PdfTypesetter.Muted, align: SKTextAlign.Right);

        var nameBaseline = baseline;
        foreach (var line in row.Name.Split('\n'))
        {
            type.Text(canvas, line, X(1) + Padding, nameBaseline, BodySize, bold: true);
            nameBaseline += LineHeight;
        }

        if (row.Description is { } description)
        {
            type.Text(canvas, description, X(1) + Padding, nameBaseline - 1, DescriptionSize, color: PdfTypesetter.Muted);
        }

        type.Text(canvas, row.Language, X(2) + Padding, baseline, BodySize);
        type.Text(canvas, row.Status, X(3) + Padding, baseline, BodySize);
        var tagBaseline = baseline;
        foreach (var line in row.Tags.Split('\n'))
        {
            type.Text(canvas, line, X(4) + Padding, tagBaseline, BodySize, color: PdfTypesetter.Muted);
            tagBaseline += LineHeight;
        }

        type.Text(canvas, text.Date(row.Created), X(5) + Padding, baseline, BodySize);
    }

    /// <summary>Languages and statuses repeat: fit each distinct one once and share the string between rows.</summary>
    private string Shared(Dictionary<string, string> fitted, string value, int column)
    {
        if (!fitted.TryGetValue(value, out var line))
        {
            line = TextFitting.Truncate(value, type.Font(BodySize), CellWidth(column));
            fitted[value] = line;
        }

        return line;
    }
}
