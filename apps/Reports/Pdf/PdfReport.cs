using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Filters;
using PocTracker.Reports.Jobs;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
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

    /// <summary>The cover's facts for this request.</summary>
    public static PdfReportInfo Info(ReportFilters filters, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(context);
        return new PdfReportInfo(
            Tenant: context.User.FindFirstValue(TenantClaims.TenantName) is { Length: > 0 } tenant ? tenant : context.User.FindFirstValue(TenantClaims.TenantId) ?? "",
            User: context.User.FindFirstValue(TenantClaims.Name) is { Length: > 0 } name ? name : context.User.FindFirstValue(TenantClaims.Subject) ?? "",
            Filters: filters.Given(),
            Culture: CultureInfo.GetCultureInfo(ReportLanguage.Of(context.Request)));
    }

    private static async Task<IResult> HandleAsync(
        [AsParameters] ReportFilters filters, [FromQuery(Name = "async")] bool? inBackground, TenantUser user, HttpContext context,
        PocsClient pocs, ReportJobStore jobs, ReportJobRunner runner, IOptions<ReportsOptions> options, IObjectStorage storage, IDataProtectionProvider protection,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, _, errors) = filters.ParseDates();
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var info = Info(filters, context);
        var fileName = $"pocs-{time.GetUtcNow():yyyy-MM-dd}.pdf";
        Task<IResult> StartJobAsync() => ReportJobStart.StartAsync(
            new ReportJobStart.Request("pdf", filters.ToSearchFilters().ToQueryString(), ReportLanguage.Of(context.Request), fileName, new ReportRendering.Options(',', info, time)),
            user, context, jobs, runner, options, storage, protection, time, cancellationToken);

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
            await PocsPdf.WriteAsync(first.ToAsyncEnumerable(), info, time, file, cancellationToken);
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
