using System.Text.Json;

namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// A workflow the runners know by name: how to run it from its stored JSON input, and what to do
/// when the local runner gives up on it (its process kept dying, or the workflow itself threw).
/// </summary>
internal sealed record JobWorkflowRegistration(
    string Name,
    Func<IJobContext, string, Task> RunAsync,
    Func<IServiceProvider, JobKey, string, string, CancellationToken, Task>? OnAbandonedAsync)
{
    public static JobWorkflowRegistration For<TWorkflow, TIn, TOut>(Func<IServiceProvider, JobKey, TIn, string, CancellationToken, Task>? onAbandoned)
        where TWorkflow : IJobWorkflow<TIn, TOut>, new() =>
        new(
            JobNames.Of<TWorkflow>(),
            (context, input) => new TWorkflow().RunAsync(context, Deserialize<TIn>(input)),
            onAbandoned is null ? null : (services, key, input, reason, cancellationToken) =>
                onAbandoned(services, key, Deserialize<TIn>(input), reason, cancellationToken));

    internal static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web) ?? throw new InvalidOperationException($"A job's stored {typeof(T).Name} is null.");
}
