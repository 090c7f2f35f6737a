using PocTracker.ServiceDefaults.Jobs;

namespace PocTracker.Reports.Jobs;

/// <summary>The failure step's input.</summary>
internal sealed record FailReportInput(ReportJobInput Job, string Reason);

/// <summary>Activity "fail": the job failed, with the reason its owner reads.</summary>
internal sealed partial class FailReportActivity(ReportJobStore store, ILogger<FailReportActivity> logger) : IJobActivity<FailReportInput, bool>
{
    public async Task<bool> RunAsync(FailReportInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LogFailed(logger, input.Job.JobId, input.Reason);
        return await store.FailAsync(input.Job.User, input.Job.JobId, input.Reason, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report job {JobId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string reason);
}
