using System.Globalization;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Jobs;

namespace PocTracker.Reports.Pdf;

/// <summary>The PDF as a report job writes it: the cover the request described, generated when the job runs.</summary>
internal sealed class PdfFormat(TimeProvider time) : IReportFormat
{
    public string Name => "pdf";

    public string MediaType => "application/pdf";

    public async Task<long> WriteAsync(IAsyncEnumerable<PocDto> pocs, Stream output, ReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (await PocsPdf.WriteAsync(pocs, InfoOf(options), time, output, cancellationToken)).Pocs;
    }

    /// <summary>The cover's facts from the request's options.</summary>
    public static PdfReportInfo InfoOf(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PdfReportInfo(options.Tenant, options.User, [.. options.Filters.Select(f => (f.Key, f.Value))], CultureInfo.GetCultureInfo(options.Culture));
    }
}
