using System.Globalization;
using CsvHelper;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Csv;

/// <summary>
/// The CSV form of POCs, shared by the report and the import (<c>POST /api/pocs/import</c> reads
/// these very columns): RFC 4180 quoting, CRLF, UTF-8 with a byte-order mark (so Excel reads the
/// accents), one row per POC, tags joined with <c>;</c> inside their cell, ISO 8601 dates.
/// Cells that a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) get a
/// leading apostrophe (OWASP's CSV-injection advice); the import takes it off again.
/// </summary>
internal static class PocsCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "description", "language", "tags", "status", "visibility",
        "startedOn", "finishedOn", "repositoryUrl", "notes", "ownerId", "createdAt", "updatedAt",
    ];

    /// <summary>The separator inside a tags cell: tags are kebab-case, so it never occurs in one.</summary>
    public const char TagSeparator = ';';

    public static CsvWriterOptions Options(char separator) => new()
    {
        Separator = separator,
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the header and one row per POC as they arrive; returns how many rows were written.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<PocDto> pocs, Stream output, char separator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        long rows = 0;
        await using var csv = CsvWriter.Create(output, Options(separator), leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        await foreach (var poc in pocs.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(Row(poc), cancellationToken);
            rows++;
            if (rows % 256 == 0)
            {
                // Send what is ready: a big export starts arriving at once and memory stays flat.
                await csv.FlushAsync(cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        return rows;
    }

    private static string[] Row(PocDto poc) =>
    [
        poc.Id.ToString(),
        poc.Name,
        poc.Description ?? "",
        poc.Language ?? "",
        string.Join(TagSeparator, poc.Tags),
        poc.Status,
        poc.Visibility,
        poc.StartedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        poc.FinishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        poc.RepositoryUrl ?? "",
        poc.Notes ?? "",
        poc.OwnerId.ToString(),
        poc.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        poc.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
    ];
}
