using System.Globalization;
using System.Security.Claims;
using PocTracker.Reports.Filters;
using PocTracker.Reports.Source;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// <c>GET /api/reports/pocs.pdf</c>: the caller's search as an A4 PDF (cover, summary with charts,
/// the POCs as a table), in pt-BR when Accept-Language prefers Portuguese and in English otherwise.
/// The whole summary must be known before the table, so the POCs are read first and the file is
/// written to a temporary file that is then sent with its length (and deleted when sent).
/// </summary>
internal static class PdfReport
{
    public static void MapPdfReport(this RouteGroupBuilder api) => api
        .MapGet("/pocs.pdf", HandleAsync)
        .WithName("DownloadPocsPdf")
        .WithSummary("Download the POCs of a search as a PDF report")
        .WithDescription("Same filters as GET /api/pocs, plus createdFrom/createdTo (yyyy-MM-dd). A4: a cover with the filters, a summary with charts (status, language, top tags, POCs created per month over the last 12 months) and every POC in a table. pt-BR when Accept-Language prefers Portuguese, English otherwise. The token must carry the pocs scope too: the report reads POCs as you.")
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    private static async Task<IResult> HandleAsync(
        [AsParameters] ReportFilters filters, HttpContext context, PocsExportClient pocs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, _, errors) = filters.ParseDates();
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var export = await pocs.OpenAsync(filters.ToQueryString(), accessToken: null, cancellationToken);
        if (export.Pocs is null)
        {
            return ReportSource.Refused(export);
        }

        var info = new PdfReportInfo(
            Tenant: context.User.FindFirstValue(TenantClaims.TenantId) ?? "",
            User: context.User.FindFirstValue(TenantClaims.Name) is { Length: > 0 } name ? name : context.User.FindFirstValue(TenantClaims.Subject) ?? "",
            Filters: filters.Given(),
            Culture: CultureInfo.GetCultureInfo(PrefersPortuguese(context.Request) ? "pt-BR" : "en"));

        // Deleted by the OS-level flag when closed: after the response is sent, or on failure below.
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"poctracker-report-{Guid.NewGuid():N}.pdf"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await PocsPdf.WriteAsync(export.Pocs, info, time, file, cancellationToken);
            file.Position = 0;
            return Results.File(file, "application/pdf", $"pocs-{time.GetUtcNow():yyyy-MM-dd}.pdf");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static bool PrefersPortuguese(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
        && first.Value.Value?.StartsWith("pt", StringComparison.OrdinalIgnoreCase) == true;
}
