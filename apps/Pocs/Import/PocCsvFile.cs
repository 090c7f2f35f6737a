using System.Globalization;
using CsvHelper;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Pocs.Import;

/// <summary>
/// Reads a POC CSV (<see cref="PocCsvFormat"/>): finds the separator from the header line (Excel in
/// pt-BR saves with <c>;</c>), checks the header, and turns each row into validated
/// <see cref="PocFields"/> or its line's errors. Nothing here touches the database.
/// </summary>
internal static class PocCsvFile
{
    public const int MaxRows = 10_000;

    public sealed record Result(List<PocFields> Rows, List<PocImportRowError> Errors, Dictionary<string, string[]>? FileErrors = null, bool TooManyRows = false);

    public static async Task<Result> ParseAsync(MemoryStream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var separator = DetectSeparator(body);
        body.Position = 0;
        await using var csv = CsvReader.Create(body, new CsvReaderOptions { Separator = separator, TrackLineNumbers = true }, leaveOpen: true);
        var rows = new List<PocFields>();
        var errors = new List<PocImportRowError>();
        var validator = new PocWriteRequestValidator();
        Dictionary<string, int>? columns = null;
        while (await csv.ReadAsync(cancellationToken))
        {
            if (columns is null)
            {
                columns = Columns(csv.Headers, out var headerErrors);
                if (headerErrors is not null)
                {
                    return new Result(rows, errors, headerErrors);
                }
            }

            // The line the record starts on (a quoted cell may span lines), as a spreadsheet numbers them.
            var line = csv.LineNumber;
            if (rows.Count + errors.Count == MaxRows)
            {
                return new Result(rows, errors, TooManyRows: true);
            }

            if (csv.FieldCount != csv.Headers.Count)
            {
                errors.Add(new PocImportRowError(line, new Dictionary<string, string[]>
                {
                    ["row"] = [$"The row has {csv.FieldCount} cells; the header has {csv.Headers.Count}."],
                }));
                continue;
            }

            var (request, cellErrors) = ReadRow(csv, columns);
            var validation = await validator.ValidateAsync(request, cancellationToken);
            foreach (var (field, messages) in validation.ToProblemErrors())
            {
                cellErrors[field] = messages;
            }

            if (cellErrors.Count > 0)
            {
                errors.Add(new PocImportRowError(line, cellErrors));
            }
            else
            {
                rows.Add(PocFields.From(request));
            }
        }

        if (columns is null)
        {
            return new Result(rows, errors, new Dictionary<string, string[]> { ["file"] = ["The file is empty: it needs a header row and at least one POC."] });
        }

        return new Result(rows, errors);
    }

    /// <summary>Comma unless the header line has more semicolons than commas.</summary>
    private static char DetectSeparator(MemoryStream body)
    {
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        var end = bytes.IndexOfAny((byte)'\n', (byte)'\r');
        var header = end < 0 ? bytes : bytes[..end];
        return header.Count((byte)';') > header.Count((byte)',') ? ';' : ',';
    }

    /// <summary>A column name as an error message quotes it: a header line can be megabytes, the message stays short.</summary>
    private static string Shown(string name) =>
        name.Length <= 64 ? name : string.Concat(name.AsSpan(0, char.IsHighSurrogate(name[60]) ? 60 : 61), "...");

    private static Dictionary<string, int> Columns(IReadOnlyList<string> headers, out Dictionary<string, string[]>? errors)
    {
        errors = null;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim();
            if (!PocCsvFormat.Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors = new Dictionary<string, string[]>
                {
                    ["file"] = [$"Unknown column '{Shown(name)}'. The columns are those of the CSV report: {string.Join(", ", PocCsvFormat.Columns)}."],
                };
                return columns;
            }

            if (!columns.TryAdd(name, i))
            {
                errors = new Dictionary<string, string[]> { ["file"] = [$"The column '{Shown(name)}' appears twice."] };
                return columns;
            }
        }

        if (!columns.ContainsKey("name"))
        {
            errors = new Dictionary<string, string[]> { ["file"] = ["The header has no 'name' column: is this a POC CSV report?"] };
        }

        return columns;
    }

    private static (PocWriteRequest Request, Dictionary<string, string[]> Errors) ReadRow(CsvReader csv, Dictionary<string, int> columns)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Cell(string column) =>
            columns.TryGetValue(column, out var index) && csv.GetString(index) is { Length: > 0 } text ? PocCsvFormat.Unescape(text) : null;
        DateOnly? Date(string column)
        {
            var text = Cell(column);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors[column] = [$"{column} must be a date as yyyy-MM-dd."];
            return null;
        }

        var request = new PocWriteRequest
        {
            Name = Cell("name"),
            Description = Cell("description"),
            Language = Cell("language"),
            Tags = Cell("tags")?.Split(PocCsvFormat.TagSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Status = Cell("status"),
            Visibility = Cell("visibility"),
            StartedOn = Date("startedOn"),
            FinishedOn = Date("finishedOn"),
            RepositoryUrl = Cell("repositoryUrl"),
            Notes = Cell("notes"),
        };
        return (request, errors);
    }
}
