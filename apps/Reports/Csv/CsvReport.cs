using Microsoft.AspNetCore.Mvc;
using PocTracker.Reports.Filters;
using PocTracker.Reports.Jobs;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Csv;

/// <summary>
/// <c>GET /api/reports/pocs.csv</c>: the caller's search as a CSV download, streamed from the pocs
/// app's export straight into the response (a 100,000-POC file starts at once, memory stays flat).
/// The separator is a comma (RFC 4180), or a semicolon with <c>separator=semicolon</c> or when the
/// caller's language is Portuguese: Excel in pt-BR splits columns on the list separator of the
/// system, which there is <c>;</c> (the comma is the decimal separator).
/// </summary>
internal static class CsvReport
{
    public static void MapCsvReport(this RouteGroupBuilder api) => api
        .MapGet("/pocs.csv", HandleAsync)
        .WithName("DownloadPocsCsv")
        .WithSummary("Download the POCs of a search as CSV")
        .WithDescription("Same filters as GET /api/pocs, plus createdFrom/createdTo (yyyy-MM-dd) and separator (comma|semicolon). async=true answers 202 with a job to poll. The token must carry the pocs scope too: the report reads POCs as you.")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv");

    private static async Task<IResult> HandleAsync(
        [AsParameters] ReportFilters filters, string? separator, [FromQuery(Name = "async")] bool? inBackground, TenantUser user,
        HttpContext context, PocsClient pocs, ReportJobStarter jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, _, errors) = filters.ParseDates();
        var chosen = separator switch
        {
            null => ReportLanguage.PrefersPortuguese(context.Request) ? ';' : ',',
            "comma" => ',',
            "semicolon" => ';',
            _ => '\0',
        };
        if (chosen == '\0')
        {
            errors["separator"] = ["separator must be comma or semicolon."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var fileName = $"pocs-{time.GetUtcNow():yyyy-MM-dd}.csv";
        if (inBackground == true)
        {
            // Any size streams fine as CSV, so only an explicit async=true makes a job of it.
            return await jobs.StartAsync(
                new ReportJobStarter.Request("csv", filters.ToSearchFilters().ToQueryString(), fileName, new ReportOptions(ReportLanguage.Of(context.Request), chosen, "", "", [])),
                user, context, cancellationToken);
        }

        var export = await ReportSource.OpenAsync(pocs, filters.ToSearchFilters(), cancellationToken);
        if (export.Pocs is null)
        {
            return ReportSource.Refused(export);
        }

        return Results.Stream(
            async output => await PocsCsv.WriteAsync(export.Pocs, output, chosen, cancellationToken),
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: fileName);
    }
}
