using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// A report job, step by step: render the file and store it (<see cref="RenderReportActivity"/>), then
/// mark the job succeeded (<see cref="CompleteReportActivity"/>). Each step is retried on failure;
/// when one fails for good, the job is failed with a reason its owner reads
/// (<see cref="FailReportActivity"/>). Deterministic (no clock, no I/O): the runners replay it, so a
/// job cut off by a restart or a lost pod resumes on whichever replica takes it next.
/// </summary>
internal sealed class ReportWorkflow : IJobWorkflow<ReportJobInput, ReportOutcome>
{
    /// <summary>Three attempts, 1 s then 2 s apart: enough for a pocs replica restarting or a connection dropped, not more.</summary>
    public static readonly JobRetry Retry = new(MaxAttempts: 3, FirstDelay: TimeSpan.FromSeconds(1));

    public async Task<ReportOutcome> RunAsync(IJobContext context, ReportJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var stored = await context.CallActivityAsync<RenderReportActivity, ReportJobInput, StoredReport>(input, Retry);
            await context.CallActivityAsync<CompleteReportActivity, CompleteReportInput, bool>(new CompleteReportInput(input, stored), Retry);
            return new ReportOutcome(true, null);
        }
        catch (JobActivityFailedException failure)
        {
            var reason = ReportFailureException.ReasonOf(failure);
            await context.CallActivityAsync<FailReportActivity, FailReportInput, bool>(new FailReportInput(input, reason), Retry);
            return new ReportOutcome(false, reason);
        }
    }
}

/// <summary>
/// A report job's input: everything the request knew, fixed when it was asked for.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">Who asked for it (the job is theirs).</param>
/// <param name="JobId">The job's id (its <c>report_jobs</c> row).</param>
/// <param name="Format"><c>csv</c> or <c>pdf</c>.</param>
/// <param name="Query">The report's filters, as the query string sent to the pocs export.</param>
/// <param name="FileName">The file's name when downloaded.</param>
/// <param name="Options">How the file is written.</param>
/// <param name="ProtectedAccessToken">
/// The caller's access token, encrypted (<see cref="AccessTokens"/>): the POCs are read with it, as
/// the caller, so the report holds what their search shows.
/// </param>
internal sealed record ReportJobInput(
    Guid TenantId, Guid UserId, Guid JobId, string Format, string Query, string FileName, ReportOptions Options, string ProtectedAccessToken)
{
    /// <summary>The job's owner, for tenant transactions (no roles: jobs only touch their owner's rows).</summary>
    public TenantUser User => new(TenantId, UserId, new HashSet<string>());
}

/// <summary>How a report job ended.</summary>
/// <param name="Succeeded">Whether the file was made.</param>
/// <param name="Reason">Why not, when it was not.</param>
internal sealed record ReportOutcome(bool Succeeded, string? Reason);
