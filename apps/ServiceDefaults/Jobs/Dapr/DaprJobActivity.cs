using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.ServiceDefaults.Jobs.Dapr;

/// <summary>
/// Runs activity <typeparamref name="TActivity"/> as a Dapr workflow activity (registered under its
/// name). The activity may run on any replica, so its workspace keeps files in object storage
/// (<see cref="StoredJobWorkspace"/>); its local folder is removed when the attempt ends.
/// </summary>
public sealed class DaprJobActivity<TActivity, TIn, TOut>(IServiceScopeFactory scopes, IObjectStorage storage, JobsOptions options)
    : WorkflowActivity<TIn, TOut>
    where TActivity : IJobActivity<TIn, TOut>
{
    public override async Task<TOut> RunAsync(WorkflowActivityContext context, TIn input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = JobKey.Parse(context.InstanceId);
        using var workspace = new StoredJobWorkspace(storage, options.WorkRoot, key);
        await using var scope = scopes.CreateAsyncScope();
        var activity = scope.ServiceProvider.GetRequiredService<TActivity>();
        // Dapr gives activities no cancellation: an activity cut off by a stopping replica is retried by Dapr.
        return await activity.RunAsync(input, new JobActivityContext(key, workspace), CancellationToken.None);
    }
}
