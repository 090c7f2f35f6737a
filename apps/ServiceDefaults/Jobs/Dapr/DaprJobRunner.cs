using Dapr.Workflow;

namespace PocTracker.ServiceDefaults.Jobs.Dapr;

/// <summary>
/// Starts jobs as Dapr workflows (instance id = the job's key). Registered only when a sidecar is
/// configured: without one, Dapr's workflow client waits forever instead of failing.
/// </summary>
internal sealed class DaprJobRunner(DaprWorkflowClient client) : IJobRunner
{
    public Task StartAsync<TWorkflow, TIn, TOut>(Guid tenantId, Guid jobId, TIn input, CancellationToken cancellationToken)
        where TWorkflow : IJobWorkflow<TIn, TOut>, new() =>
        client.ScheduleNewWorkflowAsync(JobNames.Of<TWorkflow>(), new JobKey(tenantId, jobId).ToString(), input, startTime: null, cancellationToken);
}
