using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Jobs;

namespace PocTracker.Reports.Csv;

/// <summary>The CSV as a report job writes it, with the separator the request chose.</summary>
internal sealed class CsvFormat : IReportFormat
{
    public string Name => "csv";

    public string MediaType => "text/csv; charset=utf-8";

    public Task<long> WriteAsync(IAsyncEnumerable<PocDto> pocs, Stream output, ReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PocsCsv.WriteAsync(pocs, output, options.Separator, cancellationToken);
    }
}
