using System.Globalization;
using CsvHelper;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Csv;

/// <summary>
/// Writes POCs in <see cref="PocCsvFormat"/> (which <c>POST /api/pocs/import</c> reads back): RFC 4180
/// quoting, CRLF, UTF-8 with a byte-order mark (so Excel reads the accents), one row per POC.
/// Cells that a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) get a
/// leading apostrophe (OWASP's CSV-injection advice); the import takes it off again.
/// </summary>
internal static class PocsCsv
{
    public static CsvWriterOptions Options(char separator) => new()
    {
        Separator = separator,
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        InjectionCharacters = PocCsvFormat.FormulaStarts,
        InjectionEscape = PocCsvFormat.FormulaEscape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the header and one row per POC as they arrive; returns how many rows were written.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<PocDto> pocs, Stream output, char separator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        long rows = 0;
        await using var csv = CsvWriter.Create(output, Options(separator), leaveOpen: true);
        csv.WriteHeader([.. PocCsvFormat.Columns]);
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
        string.Join(PocCsvFormat.TagSeparator, poc.Tags),
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
