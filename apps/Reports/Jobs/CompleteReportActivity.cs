using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.Reports.Jobs;

/// <summary>The last step's input.</summary>
internal sealed record CompleteReportInput(ReportJobInput Job, StoredReport Stored);

/// <summary>
/// Activity "complete": marks the job succeeded with its file. Repeating it (a retry after the commit)
/// changes nothing. When the job ended or went meanwhile (expired), its stored file is removed.
/// </summary>
internal sealed partial class CompleteReportActivity(ReportJobStore store, IObjectStorage storage, ILogger<CompleteReportActivity> logger)
    : IJobActivity<CompleteReportInput, bool>
{
    public async Task<bool> RunAsync(CompleteReportInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Job;
        if (await store.SucceedAsync(job.User, job.JobId, input.Stored.ObjectKey, input.Stored.Rows, cancellationToken))
        {
            LogSucceeded(logger, job.JobId, input.Stored.Rows);
            return true;
        }

        if (await store.FindAsync(job.User, job.JobId, cancellationToken) is not { Status: ReportJobStatus.Succeeded })
        {
            await storage.DeleteAsync(input.Stored.ObjectKey, cancellationToken);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report job {JobId} succeeded with {Rows} POCs")]
    private static partial void LogSucceeded(ILogger logger, Guid jobId, long rows);
}
