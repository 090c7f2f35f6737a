using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Filters;
using PocTracker.Reports.Jobs;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// <c>GET /api/reports/pocs.pdf</c>: the caller's search as an A4 PDF (cover, summary with charts,
/// the POCs as a table), in pt-BR when Accept-Language prefers Portuguese and in English otherwise.
/// The whole summary must be known before the table, so the POCs are read first and the file is
/// written to a temporary file that is then sent with its length (and deleted when sent).
/// Above <see cref="SyncLimit"/> POCs (or with <c>async=true</c>) it becomes a background job: 202.
/// </summary>
internal static class PdfReport
{
    /// <summary>
    /// Past this many POCs a PDF is made in the background: a 1,000-POC report takes under a second,
    /// a 100,000-POC one about 11 s and 3,500 pages, too long to hold a request open for.
    /// </summary>
    public const int SyncLimit = 2_000;

    public static void MapPdfReport(this RouteGroupBuilder api) => api
        .MapGet("/pocs.pdf", HandleAsync)
        .WithName("DownloadPocsPdf")
        .WithSummary("Download the POCs of a search as a PDF report")
        .WithDescription($"Same filters as GET /api/pocs, plus createdFrom/createdTo (yyyy-MM-dd). A4: a cover with the filters, a summary with charts (status, language, top tags, POCs created per month over the last 12 months) and every POC in a table. pt-BR when Accept-Language prefers Portuguese, English otherwise. Over {SyncLimit:N0} POCs, or with async=true, 202 with a job to poll. The token must carry the pocs scope too: the report reads POCs as you.")
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    /// <summary>
    /// What the PDF of this request is written with, now or by a job: the language and the cover (the
    /// tenant's name, else its id; the token's <c>name</c>, else its subject; the filters given).
    /// </summary>
    public static ReportOptions Options(ReportFilters filters, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(context);
        return new ReportOptions(
            Culture: ReportLanguage.Of(context.Request),
            Separator: ',',
            Tenant: context.User.FindFirstValue(TenantClaims.TenantName) is { Length: > 0 } tenant ? tenant : context.User.FindFirstValue(TenantClaims.TenantId) ?? "",
            User: context.User.FindFirstValue(TenantClaims.Name) is { Length: > 0 } name ? name : context.User.FindFirstValue(TenantClaims.Subject) ?? "",
            Filters: [.. filters.Given().Select(f => KeyValuePair.Create(f.Name, f.Value))]);
    }

    private static async Task<IResult> HandleAsync(
        [AsParameters] ReportFilters filters, [FromQuery(Name = "async")] bool? inBackground, TenantUser user, HttpContext context,
        PocsClient pocs, ReportJobStarter jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, _, errors) = filters.ParseDates();
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var options = Options(filters, context);
        var fileName = $"pocs-{time.GetUtcNow():yyyy-MM-dd}.pdf";
        Task<IResult> StartJobAsync() => jobs.StartAsync(
            new ReportJobStarter.Request("pdf", filters.ToSearchFilters().ToQueryString(), fileName, options), user, context, cancellationToken);

        if (inBackground == true)
        {
            return await StartJobAsync();
        }

        var export = await ReportSource.OpenAsync(pocs, filters.ToSearchFilters(), cancellationToken);
        if (export.Pocs is null)
        {
            return ReportSource.Refused(export);
        }

        // Read up to the limit first: a small report is made now, a large one becomes a job (the export is dropped).
        var first = new List<PocDto>();
        try
        {
            await foreach (var poc in export.Pocs.WithCancellation(cancellationToken))
            {
                if (first.Count == SyncLimit)
                {
                    return await StartJobAsync();
                }

                first.Add(poc);
            }
        }
        catch (HttpRequestException)
        {
            return ReportSource.Unavailable(); // the export broke off or stalled: nothing was sent yet, so a 503 still can be
        }

        // Deleted by the OS-level flag when closed: after the response is sent, or on failure below.
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"poctracker-report-{Guid.NewGuid():N}.pdf"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await PocsPdf.WriteAsync(first.ToAsyncEnumerable(), PdfFormat.InfoOf(options), time, file, cancellationToken);
            file.Position = 0;
            return Results.File(file, "application/pdf", fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
