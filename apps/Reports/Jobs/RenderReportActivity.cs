using Microsoft.AspNetCore.DataProtection;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.Reports.Jobs;

/// <summary>Where the report's file was stored, and how many POCs it holds.</summary>
internal sealed record StoredReport(string ObjectKey, long Rows);

/// <summary>
/// Activity "render": reads the POCs from the pocs export as the user who asked (their token, which
/// was valid when they asked; the export is authorised once, when it starts), writes the file to the
/// job's workspace and stores it in object storage under <c>{tenant}/reports/{job}/{file}</c>.
/// Rendering and storing are one step: the export is read once, start to end, so a report cut off
/// midway is rendered again anyway, and under Dapr keeping the rendered file for a separate step
/// would upload it twice. The temporary file is deleted on every path.
/// </summary>
internal sealed class RenderReportActivity(
    ReportJobStore store, PocsClient pocs, ReportFormats formats, IObjectStorage storage, IDataProtectionProvider protection, ReportsMetrics metrics, TimeProvider time)
    : IJobActivity<ReportJobInput, StoredReport>
{
    public static string KeyOf(ReportJobInput job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"{job.TenantId:N}/reports/{job.JobId:N}/{job.FileName}";
    }

    public async Task<StoredReport> RunAsync(ReportJobInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var start = await store.StartAsync(input.User, input.JobId, cancellationToken)
            ?? throw new ReportFailureException("The report is no longer in the making."); // gone with its owner's data, or expired
        if (start.FromQueue)
        {
            metrics.Started(input.Format, time.GetUtcNow() - start.CreatedAt);
        }

        var token = AccessTokens.Unprotect(protection, ReportsModule.AppId, input.ProtectedAccessToken) ?? throw ReportFailureException.TokenExpired();
        var export = await ReportSource.OpenAsync(pocs.WithAccessToken(token), PocSearchFilters.FromQueryString(input.Query), cancellationToken);
        if (export.Pocs is null)
        {
            throw export.Status switch
            {
                401 or 403 => ReportFailureException.TokenExpired(),
                < 500 => new ReportFailureException($"The POCs could not be read (pocs answered {export.Status})."),
                _ => new HttpRequestException($"The pocs export answered {export.Status}."), // a fault: retried
            };
        }

        var format = formats[input.Format];
        var file = Path.Combine(context.Workspace.Directory, $"report-{input.JobId:N}.tmp");
        try
        {
            await using var output = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            var rows = await format.WriteAsync(export.Pocs, output, input.Options, cancellationToken);
            output.Position = 0;
            var key = KeyOf(input);
            await storage.PutAsync(key, output, format.MediaType, cancellationToken);
            return new StoredReport(key, rows);
        }
        finally
        {
            File.Delete(file); // DeleteOnClose covers the normal path; this covers a failure before the stream opened
        }
    }
}
