using Dapr.Workflow;

namespace PocTracker.ServiceDefaults.Jobs.Dapr;

/// <summary>
/// A job workflow as a Dapr Workflow: Dapr persists its history and replays
/// <typeparamref name="TWorkflow"/> (deterministic by contract) with each activity's recorded result.
/// Registered under <typeparamref name="TWorkflow"/>'s name.
/// </summary>
public sealed class DaprJobWorkflow<TWorkflow, TIn, TOut> : Workflow<TIn, TOut>
    where TWorkflow : IJobWorkflow<TIn, TOut>, new()
{
    public override Task<TOut> RunAsync(WorkflowContext context, TIn input) =>
        new TWorkflow().RunAsync(new DaprJobContext(context), input);
}

/// <summary>Dapr's <see cref="WorkflowContext"/> as an <see cref="IJobContext"/>: activities by name, retries as Dapr retry policies.</summary>
public sealed class DaprJobContext(WorkflowContext context) : IJobContext
{
    public JobKey Job => JobKey.Parse(context.InstanceId);

    public async Task<TOut> CallActivityAsync<TActivity, TIn, TOut>(TIn input, JobRetry? retry = null)
        where TActivity : IJobActivity<TIn, TOut>
    {
        var name = JobNames.Of<TActivity>();
        var options = retry is null
            ? null
            : new WorkflowTaskOptions(new WorkflowRetryPolicy(retry.MaxAttempts, retry.FirstDelay, retry.Backoff));
        try
        {
            return await context.CallActivityAsync<TOut>(name, input, options);
        }
        catch (WorkflowTaskFailedException e)
        {
            throw new JobActivityFailedException(name, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e);
        }
    }
}
