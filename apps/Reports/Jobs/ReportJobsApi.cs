using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Reports;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// The caller's report jobs: status, list, and the file. A finished job's <c>downloadUrl</c> is a
/// link that works for <see cref="LinkLifetime"/> without the access token (so a browser can simply
/// follow it): an S3 presigned GET in production, a signed link to this app on local disk. Another
/// user's or tenant's job, or an expired one, is a 404.
/// </summary>
internal static class ReportJobsApi
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);
    private const string DownloadPurpose = "PocTracker.Reports.Download.v1";

    public static void MapReportJobs(this RouteGroupBuilder api, IEndpointRouteBuilder endpoints)
    {
        api.MapGet("/jobs", ListAsync).WithName("ListReportJobs").WithSummary("Your report jobs of the last 24 hours");
        api.MapGet("/jobs/{id:guid}", GetAsync).WithName("GetReportJob").WithSummary("A report job's status and, when done, its download link")
            .WithDescription("wait=N (0–30) answers as soon as the job ends, or after N seconds (long polling).");
        // Anonymous on purpose: the signed, short-lived token is the authorisation. It travels in the
        // query string, never in the path: request summary lines and traces (url.path) carry the path,
        // while the query string is never logged and OpenTelemetry redacts its values.
        endpoints.MapGet("/api/reports/downloads", DownloadAsync).WithTags("Reports").AllowAnonymous()
            .WithName("DownloadReport").WithSummary("Download a finished report through its short-lived link");
    }

    /// <summary>The job as its owner sees it (used by the 202 answer too).</summary>
    public static ReportJob Describe(ReportJobRow row, HttpContext context, IObjectStorage storage, IDataProtectionProvider protection, TimeProvider time)
    {
        Uri? link = null;
        if (row.Status == ReportJobStatus.Succeeded && row.ObjectKey is { } key)
        {
            link = storage.DirectDownloadUrl(key, row.FileName, LinkLifetime) ?? LocalLink(row, context, protection, time);
        }

        return new ReportJob(row.Id, row.Status, row.Format, row.Rows, row.Failure, link, row.CreatedAt, row.FinishedAt, row.ExpiresAt);
    }

    public static string StatusUrl(Guid id) => $"/api/reports/jobs/{id}";

    private static async Task<Ok<List<ReportJob>>> ListAsync(
        TenantUser user, ReportJobStore store, HttpContext context, IObjectStorage storage, IDataProtectionProvider protection, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(user, cancellationToken)).Select(row => Describe(row, context, storage, protection, time)).ToList());

    private static async Task<Results<Ok<ReportJob>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, int? wait, TenantUser user, ReportJobStore store, HttpContext context, IObjectStorage storage,
        IDataProtectionProvider protection, TimeProvider time, CancellationToken cancellationToken)
    {
        if (wait is < 0 or > 30)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["wait"] = ["wait is 0 to 30 seconds."] });
        }

        var row = await store.FindAsync(user, id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("No such report job (they are kept 24 hours).");
        }

        // Long polling: the job may run on another replica, so the row is what tells; read it every
        // quarter second until the job ends or the wait is over.
        if (wait > 0 && row.Status is ReportJobStatus.Queued or ReportJobStatus.Running)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(wait.Value));
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (row.Status is ReportJobStatus.Queued or ReportJobStatus.Running && await timer.WaitForNextTickAsync(deadline.Token))
                {
                    row = await store.FindAsync(user, id, deadline.Token) ?? row;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the wait is over: answer with the latest status
            }
        }

        return TypedResults.Ok(Describe(row, context, storage, protection, time));
    }

    private static async Task<IResult> DownloadAsync(
        string? token, ReportJobStore store, ReportFormats formats, IObjectStorage storage, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Problems.NotFound("The link is not valid: ask for the job's status again for a fresh one.");
        }

        string payload;
        try
        {
            payload = protection.CreateProtector(DownloadPurpose).ToTimeLimitedDataProtector().Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Problems.NotFound("The link expired or is not valid: ask for the job's status again for a fresh one.");
        }

        var parts = payload.Split('|');
        var user = new TenantUser(Guid.Parse(parts[0]), Guid.Parse(parts[1]), new HashSet<string>());
        if (await store.FindAsync(user, Guid.Parse(parts[2]), cancellationToken) is not { ObjectKey: { } key } row
            || await storage.OpenReadAsync(key, cancellationToken) is not { } file)
        {
            return Problems.NotFound("The report is no longer kept.");
        }

        return Results.Stream(file.Content, formats[row.Format].MediaType, row.FileName);
    }

    private static Uri LocalLink(ReportJobRow row, HttpContext context, IDataProtectionProvider protection, TimeProvider time)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{row.TenantId}|{row.UserId}|{row.Id}");
        var token = protection.CreateProtector(DownloadPurpose).ToTimeLimitedDataProtector()
            .Protect(payload, time.GetUtcNow() + LinkLifetime);
        var request = context.Request;
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/api/reports/downloads?token={Uri.EscapeDataString(token)}");
    }
}
