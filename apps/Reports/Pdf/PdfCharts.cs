using ScottPlot;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The summary's charts, drawn by ScottPlot as PNG images that the PDF places at a given size in
/// points. They are rendered at <see cref="PixelsPerPoint"/> pixels per point (about 216 dpi) so
/// they stay sharp on paper; labels use DejaVu Sans like the rest of the report, and numbers on the
/// axes and bars are formatted in the report's culture. The exact numbers are also printed as text
/// beside each chart: a picture cannot be searched, copied or read by a screen reader.
/// </summary>
internal static class PdfCharts
{
    public const int PixelsPerPoint = 3;

    private static readonly Color Bar = Color.FromHex("#3B6EA5");
    private static readonly Color Grid = Color.FromHex("#E3E7EC");
    private static readonly Color Ink = Color.FromHex("#333333");

    /// <summary>One horizontal bar per item, the first at the top, its count at the end of the bar.</summary>
    public static byte[] HorizontalBars(IReadOnlyList<(string Label, long Count)> items, PdfReportText text, float width, float height, Func<int, Color>? colorOf = null)
    {
        using var plot = NewPlot();
        var bars = items.Select((item, i) => new ScottPlot.Bar
        {
            // ScottPlot's y grows upwards; the first item goes on top.
            Position = items.Count - 1 - i,
            Value = item.Count,
            ValueLabel = text.Number(item.Count),
            FillColor = colorOf?.Invoke(i) ?? Bar,
            LineWidth = 0,
            Size = 0.7,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 9;
        plottable.ValueLabelStyle.ForeColor = Ink;

        plot.Axes.Left.SetTicks(
            [.. items.Select((_, i) => (double)(items.Count - 1 - i))],
            [.. items.Select(item => Shorten(item.Label, 22))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = CountTicks(text);
        var max = items.Count == 0 ? 0 : items.Max(i => i.Count);
        // Room on the right for the value label of the longest bar.
        plot.Axes.SetLimits(0, Math.Max(1, max) * 1.18, -0.6, items.Count - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        return Render(plot, width, height);
    }

    /// <summary>One column per month, oldest on the left, labelled with the month's short name.</summary>
    public static byte[] MonthColumns(IReadOnlyList<(DateOnly Month, long Count)> months, PdfReportText text, float width, float height)
    {
        using var plot = NewPlot();
        var bars = months.Select((m, i) => new ScottPlot.Bar
        {
            Position = i,
            Value = m.Count,
            ValueLabel = m.Count > 0 ? text.Number(m.Count) : "",
            FillColor = Bar,
            LineWidth = 0,
            Size = 0.7,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 9;
        plottable.ValueLabelStyle.ForeColor = Ink;

        plot.Axes.Bottom.SetTicks([.. months.Select((_, i) => (double)i)], [.. months.Select(m => text.Month(m.Month))]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = CountTicks(text);
        var max = months.Count == 0 ? 0 : months.Max(m => m.Count);
        plot.Axes.SetLimits(-0.6, months.Count - 0.4, 0, Math.Max(1, max) * 1.22);
        plot.Grid.XAxisStyle.IsVisible = false;
        return Render(plot, width, height);
    }

    private static Plot NewPlot()
    {
        _ = PdfFonts.Regular; // registers DejaVu Sans with ScottPlot before the plot asks for it
        var plot = new Plot { ScaleFactor = PixelsPerPoint };
        plot.Font.Set(PdfFonts.ChartFamily);
        plot.Axes.Color(Ink);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Grid.MajorLineColor = Grid;
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic CountTicks(PdfReportText text) => new()
    {
        IntegerTicksOnly = true,
        LabelFormatter = value => text.Number((long)Math.Round(value)),
    };

    private static byte[] Render(Plot plot, float width, float height) =>
        plot.GetImageBytes((int)(width * PixelsPerPoint), (int)(height * PixelsPerPoint), ImageFormat.Png);

    /// <summary>A label as the chart prints it: made drawable, then cut to <paramref name="max"/> characters (never inside a surrogate pair).</summary>
    private static string Shorten(string label, int max)
    {
        var clean = DisplayText.Clean(label);
        if (clean.Length <= max)
        {
            return clean;
        }

        var cut = char.IsHighSurrogate(clean[max - 2]) ? max - 2 : max - 1;
        return string.Concat(clean.AsSpan(0, cut), "…");
    }
}
