using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults.Jobs.Local;

/// <summary>
/// The local runner's <see cref="IJobContext"/>: the n-th activity call of a resumed run returns
/// the output recorded the first time (the activity does not run again); a new call runs the
/// activity in a scope of its own, with retries, and records its output before returning it.
/// </summary>
internal sealed class LocalJobContext(
    ClaimedRun run, IReadOnlyList<CompletedStep> completed, JobRunStore store, string owner,
    IServiceScopeFactory scopes, IJobWorkspace workspace, CancellationToken cancellationToken) : IJobContext
{
    private int calls;

    public JobKey Job => run.Key;

    public async Task<TOut> CallActivityAsync<TActivity, TIn, TOut>(TIn input, JobRetry? retry = null)
        where TActivity : IJobActivity<TIn, TOut>
    {
        cancellationToken.ThrowIfCancellationRequested(); // stopping: not even a recorded step, so nothing runs after it
        var name = JobNames.Of<TActivity>();
        var index = calls++;
        if (index < completed.Count)
        {
            var step = completed[index];
            if (step.Activity != name)
            {
                throw new InvalidOperationException($"The workflow called {name} where its recorded run called {step.Activity}: it is not deterministic.");
            }

            return step.Output.Deserialize<TOut>(JsonSerializerOptions.Web)!;
        }

        var attempts = Math.Max(1, retry?.MaxAttempts ?? 1);
        for (var attempt = 1; ; attempt++)
        {
            TOut output;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var activity = scope.ServiceProvider.GetRequiredService<TActivity>();
                output = await activity.RunAsync(input, new JobActivityContext(run.Key, workspace), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= attempts)
                {
                    throw new JobActivityFailedException(name, e.GetType().FullName ?? e.GetType().Name, e.Message, e);
                }

                // Real time, not the app's TimeProvider: retries are about the machine, and tests that freeze the app's clock must not freeze them.
                await Task.Delay(retry!.DelayBefore(attempt + 1), cancellationToken);
                continue;
            }

            if (!await store.AppendStepAsync(run.Key, owner, name, JsonSerializer.Serialize(output, JsonSerializerOptions.Web), cancellationToken))
            {
                throw new JobLeaseLostException(run.Key);
            }

            return output;
        }
    }
}

/// <summary>Another runner took the job over (this one was thought dead): this one stops without touching it.</summary>
internal sealed class JobLeaseLostException(JobKey key) : Exception($"The lease on job {key} was lost.");
