using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// Turns a report request into a background job: 202 Accepted with the job and its URL, the job's
/// workflow started on the job runner with the caller's access token (encrypted). Within the caps
/// (<see cref="ReportsOptions"/>): a user or tenant with as many jobs in the making as allowed,
/// counted across replicas, gets 429 with Retry-After, and no job is left behind.
/// </summary>
internal sealed class ReportJobStarter(
    ReportJobStore jobs, [FromKeyedServices(ReportsModule.AppId)] IJobRunner runner, IOptions<ReportsOptions> options,
    IObjectStorage storage, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>What the format's endpoint asks for.</summary>
    public sealed record Request(string Format, string Query, string FileName, ReportOptions Options);

    public async Task<IResult> StartAsync(Request request, TenantUser user, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        if (AccessTokens.BearerOf(context.Request) is not { } accessToken)
        {
            return Problems.Forbidden("Report jobs need a bearer access token to read the POCs with.");
        }

        var settings = options.Value;
        var created = await jobs.CreateAsync(user, request.Format, request.FileName, settings, cancellationToken);
        if (created.Job is not { } row)
        {
            return created.OverCap == ReportJobCap.User
                ? Refuse(context, settings, $"You already have {settings.MaxRunningPerUser} reports in the making. Try again when one is ready.")
                : Refuse(context, settings, $"Your organisation already has {settings.MaxRunningPerTenant} reports in the making. Try again in a moment.");
        }

        var input = new ReportJobInput(user.TenantId, user.UserId, row.Id, request.Format, request.Query, request.FileName, request.Options,
            AccessTokens.Protect(protection, ReportsModule.AppId, accessToken));
        try
        {
            await runner.StartAsync<ReportWorkflow, ReportJobInput, ReportOutcome>(user.TenantId, row.Id, input, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not left queued forever (it would count against the caps): the user sees it failed, and can ask again at once.
            await jobs.FailAsync(user, row.Id, "The report could not be started. Ask for it again.", CancellationToken.None);
            throw;
        }

        return Results.Accepted(ReportJobsApi.StatusUrl(row.Id), ReportJobsApi.Describe(row, context, storage, protection, time));
    }

    private static ProblemHttpResult Refuse(HttpContext context, ReportsOptions settings, string detail)
    {
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports in the making.", type: ProblemTypes.TooManyRequests);
    }
}
