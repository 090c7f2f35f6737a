using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Import;

/// <summary>
/// <c>POST /api/pocs/import</c>: the CSV the reports app exports (<see cref="PocCsvFormat"/>), comma or
/// semicolon separated, creates one POC per row, owned by the caller. Each row goes through the
/// same validation as <c>POST /api/pocs</c>; the rows that pass are created together in one
/// transaction and the others are answered with their line and field errors. A file that cannot
/// be an export at all (not CSV, no <c>name</c> column, unknown columns, too big, no rows) writes
/// nothing and is a 4xx problem; so is a file whose every row is refused.
/// </summary>
internal static class ImportPocs
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string RowsRefusedType = "https://poctracker.dev/problems/import-rows-refused";

    public static void MapImportPocs(this IEndpointRouteBuilder api) => api
        .MapPost("/import", HandleAsync)
        .WithName("ImportPocs")
        .WithSummary("Create POCs from a CSV export")
        .WithDescription("Body: text/csv (or application/csv) in the export's columns (id, ownerId, createdAt, updatedAt are ignored), UTF-8 unless a charset is declared (charset=iso-8859-1 and windows-1252 both read as Windows-1252). 200 with the created ids and the refused rows; 400 when no row can be imported or the bytes are not text in the charset (naming the line); 413 over 10 MB or 10,000 rows; 415 when not CSV or in a charset the server does not know.")
        // Routing matches the request's Content-Type against these: a type missing here is a 415 before the handler runs.
        .Accepts<string>("text/csv", "application/csv")
        .DisableAntiforgery();

    private static async Task<Results<Ok<PocImportResult>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        PocsMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || mediaType.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase)))
        {
            return UnsupportedMediaType("Send the CSV as the request body with Content-Type: text/csv.");
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value;
        if (CsvCharset.Strict(charset) is not { } encoding)
        {
            return UnsupportedMediaType($"The charset '{charset}' is not one the import reads: send UTF-8, or declare windows-1252 (or iso-8859-1).");
        }

        await using var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge($"The file is over {MaxBytes / (1024 * 1024)} MB.");
        }

        if (CsvCharset.ConvertToUtf8(body, encoding) is { } invalidLine)
        {
            var message = $"The bytes on line {invalidLine} are not {encoding.WebName} text; nothing was imported. "
                + "Save the file as UTF-8, or declare its charset (Content-Type: text/csv; charset=windows-1252).";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["file"] = [message] }, detail: message, title: "The request is invalid.",
                type: ProblemTypes.ValidationFailed, extensions: new Dictionary<string, object?> { ["line"] = invalidLine });
        }

        var file = await PocCsvFile.ParseAsync(body, cancellationToken);
        if (file.FileErrors is { } fileErrors)
        {
            return Problems.Validation(fileErrors);
        }

        if (file.TooManyRows)
        {
            return TooLarge($"The file has more than {PocCsvFile.MaxRows:N0} rows; split it.");
        }

        if (file.Rows.Count == 0)
        {
            return TypedResults.Problem(
                "No row could be imported; nothing was written.", statusCode: StatusCodes.Status400BadRequest,
                title: "Every row was refused.", type: RowsRefusedType,
                extensions: new Dictionary<string, object?> { ["rows"] = file.Errors });
        }

        var now = time.GetUtcNow();
        var ids = await database.InTenantTransactionAsync(user, async tx =>
        {
            var created = new List<Guid>(file.Rows.Count);
            foreach (var fields in file.Rows)
            {
                created.Add((await NewPocs.InsertAsync(tx, user, fields, now)).Id);
            }

            return created;
        }, cancellationToken);

        metrics.Written("import");
        return TypedResults.Ok(new PocImportResult(ids.Count, file.Errors.Count, ids, file.Errors));
    }

    /// <summary>The body in memory (at most <see cref="MaxBytes"/>), or null when it is larger.</summary>
    private static async Task<MemoryStream?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                await buffer.DisposeAsync();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, type: ProblemTypes.UnsupportedMediaType);

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.PayloadTooLarge);
}
