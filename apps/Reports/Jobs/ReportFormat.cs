using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// A file format a report job writes (<c>csv</c>, <c>pdf</c>). The formats hang off the jobs: each
/// format's folder registers its own (<see cref="ReportsModule"/>), so the jobs never name one.
/// </summary>
internal interface IReportFormat
{
    /// <summary>The format's name, as the job's <c>format</c> column holds it.</summary>
    string Name { get; }

    /// <summary>The file's media type.</summary>
    string MediaType { get; }

    /// <summary>Writes the report of <paramref name="pocs"/> as they arrive; returns how many POCs it holds.</summary>
    Task<long> WriteAsync(IAsyncEnumerable<PocDto> pocs, Stream output, ReportOptions options, CancellationToken cancellationToken);
}

/// <summary>
/// How the request asked for its file to be written, fixed when it was asked for (a job's input is
/// stored, so plain data): each format reads its part.
/// </summary>
/// <param name="Culture"><c>pt-BR</c> or <c>en</c>: the PDF's words, dates and numbers.</param>
/// <param name="Separator">The CSV's separator.</param>
/// <param name="Tenant">For the PDF's cover: the tenant's name, or its id when the token carries no name.</param>
/// <param name="User">For the PDF's cover: who asked for it.</param>
/// <param name="Filters">For the PDF's cover: the filters given, as query names and values.</param>
internal sealed record ReportOptions(string Culture, char Separator, string Tenant, string User, IReadOnlyList<KeyValuePair<string, string>> Filters);

/// <summary>The registered formats, by name.</summary>
internal sealed class ReportFormats(IEnumerable<IReportFormat> formats)
{
    private readonly Dictionary<string, IReportFormat> byName = formats.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReportFormat this[string name] =>
        byName.TryGetValue(name, out var format) ? format : throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown report format.");
}
