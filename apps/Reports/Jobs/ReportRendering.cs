using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Csv;

namespace PocTracker.Reports.Jobs;

/// <summary>Renders a report of a format into a stream: the one switch between formats, for requests and jobs alike.</summary>
internal static class ReportRendering
{
    public sealed record Options(string Language, char Separator);

    public static readonly IReadOnlyList<string> Formats = ["csv"];

    public static string MediaType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    public static Task<long> RenderAsync(string format, IAsyncEnumerable<PocDto> pocs, Stream output, Options options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return format switch
        {
            "csv" => PocsCsv.WriteAsync(pocs, output, options.Separator, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }
}
