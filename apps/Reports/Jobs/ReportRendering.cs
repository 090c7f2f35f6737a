using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Csv;
using PocTracker.Reports.Pdf;

namespace PocTracker.Reports.Jobs;

/// <summary>Renders a report of a format into a stream: the one switch between formats, for jobs.</summary>
internal static class ReportRendering
{
    /// <param name="Separator">The CSV's separator.</param>
    /// <param name="Pdf">The PDF's cover: tenant, user, filters, culture.</param>
    /// <param name="Time">The clock the PDF's "last 12 months" and generation time read.</param>
    public sealed record Options(char Separator, PdfReportInfo Pdf, TimeProvider Time);

    public static string MediaType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>Writes the report; returns how many POCs it holds.</summary>
    public static async Task<long> RenderAsync(string format, IAsyncEnumerable<PocDto> pocs, Stream output, Options options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return format switch
        {
            "csv" => await PocsCsv.WriteAsync(pocs, output, options.Separator, cancellationToken),
            "pdf" => (await PocsPdf.WriteAsync(pocs, options.Pdf, options.Time, output, cancellationToken)).Pocs,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }
}
