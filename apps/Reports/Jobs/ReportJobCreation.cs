namespace PocTracker.Reports.Jobs;

/// <summary>What asking for a job led to: the new job, or the cap on jobs in the making that refused it.</summary>
internal sealed record ReportJobCreation(ReportJobRow? Job, ReportJobCap? OverCap);

/// <summary>The caps on jobs in the making (<see cref="ReportsOptions"/>).</summary>
internal enum ReportJobCap
{
    User,
    Tenant,
}
