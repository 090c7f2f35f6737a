namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// The job-runner port: starts a durable, multi-step job (a <see cref="IJobWorkflow{TIn,TOut}"/>).
/// Adapters: <see cref="Local.LocalJobRunner"/> (status, leases and each completed activity's result
/// in the app's PostgreSQL; Standalone) and <see cref="Dapr.DaprJobRunner"/> (a Dapr Workflow;
/// chosen only when a sidecar is configured). Domain code sees this interface only.
/// </summary>
public interface IJobRunner
{
    /// <summary>
    /// Schedules workflow <typeparamref name="TWorkflow"/> with <paramref name="input"/> as job
    /// <paramref name="jobId"/> of <paramref name="tenantId"/>. Returns once the job is durably
    /// scheduled; it runs in the background. Starting the same id twice starts it once.
    /// </summary>
    Task StartAsync<TWorkflow, TIn, TOut>(Guid tenantId, Guid jobId, TIn input, CancellationToken cancellationToken)
        where TWorkflow : IJobWorkflow<TIn, TOut>, new();
}
