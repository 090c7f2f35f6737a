using Microsoft.AspNetCore.DataProtection;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>Turns a report request into a background job: 202 Accepted with the job and its URL.</summary>
internal static class ReportJobStart
{
    public sealed record Request(string Format, string Query, string Language, string FileName, ReportRendering.Options Options);

    public static async Task<IResult> StartAsync(
        Request request, TenantUser user, HttpContext context, ReportJobStore jobs, ReportJobRunner runner,
        IObjectStorage storage, IDataProtectionProvider protection, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("Report jobs need a bearer access token to read the POCs with.");
        }

        var row = await jobs.CreateAsync(user, request.Format, request.Query, request.Language, request.Options.Separator, request.FileName, cancellationToken);
        await runner.EnqueueAsync(new ReportWork(row, user, header["Bearer ".Length..].Trim(), request.Options), cancellationToken);
        return Results.Accepted(ReportJobsApi.StatusUrl(row.Id), ReportJobsApi.Describe(row, context, storage, protection, time));
    }
}
