using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// Turns a report request into a background job: 202 Accepted with the job and its URL. Within the caps
/// (<see cref="ReportsOptions"/>): a user or tenant with as many jobs in the making as allowed, counted
/// across replicas, gets 429; a replica whose queue is full, 503; both with Retry-After, and neither
/// leaves a job behind.
/// </summary>
internal static class ReportJobStart
{
    public sealed record Request(string Format, string Query, string Language, string FileName, ReportRendering.Options Options);

    public static async Task<IResult> StartAsync(
        Request request, TenantUser user, HttpContext context, ReportJobStore jobs, ReportJobRunner runner, IOptions<ReportsOptions> options,
        IObjectStorage storage, IDataProtectionProvider protection, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("Report jobs need a bearer access token to read the POCs with.");
        }

        var settings = options.Value;
        using var place = runner.TryReserve();
        if (place is null)
        {
            return Refuse(context, settings, StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable, "This server is busy with reports.",
                "Too many reports are waiting on this server. Try again in a moment.");
        }

        var created = await jobs.CreateAsync(user, request.Format, request.Query, request.Language, request.Options.Separator, request.FileName, settings, cancellationToken);
        if (created.Job is not { } row)
        {
            return created.OverCap == ReportJobCap.User
                ? Refuse(context, settings, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "Too many reports in the making.",
                    $"You already have {settings.MaxRunningPerUser} reports in the making. Try again when one is ready.")
                : Refuse(context, settings, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "Too many reports in the making.",
                    $"Your organisation already has {settings.MaxRunningPerTenant} reports in the making. Try again in a moment.");
        }

        runner.Enqueue(place, new ReportWork(row, user, header["Bearer ".Length..].Trim(), request.Options));
        return Results.Accepted(ReportJobsApi.StatusUrl(row.Id), ReportJobsApi.Describe(row, context, storage, protection, time));
    }

    private static ProblemHttpResult Refuse(HttpContext context, ReportsOptions settings, int status, string type, string title, string detail)
    {
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: status, title: title, type: type);
    }
}
