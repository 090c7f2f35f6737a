using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PocTracker.ServiceDefaults.Jobs.Local;

/// <summary>Settings of the local runner (section <c>Jobs</c>).</summary>
/// <param name="Workers">Jobs run at once by this process (the global concurrency).</param>
/// <param name="Lease">How long a runner may go without renewing a job's lease before another takes it over.</param>
/// <param name="MaxRuns">How many times a job is taken (a restart takes it again) before it is failed instead.</param>
/// <param name="WorkRoot">Where jobs' work folders live.</param>
internal sealed record LocalJobSettings(int Workers, TimeSpan Lease, int MaxRuns, string WorkRoot);

/// <summary>
/// The job runner of Standalone (no Dapr): jobs in <c>job_runs</c>, taken by
/// <see cref="LocalJobSettings.Workers"/> workers per process. While a job runs, its lease is renewed;
/// a job whose process died is taken again once the lease has passed, and one whose process stopped
/// cleanly is handed back at once. A taken-again job replays its completed activities' recorded
/// outputs and resumes at the first activity that had not completed. After
/// <see cref="LocalJobSettings.MaxRuns"/> takes, or when the workflow itself fails, the job is failed
/// and its workflow's abandonment handler records the reason: no job stays running forever. The
/// job's work folder is removed when it ends, however it ends, and before its <c>job_runs</c> row
/// says it ended: a row marked completed or failed is the signal that the folder is gone.
/// </summary>
internal sealed partial class LocalJobRunner(
    JobRunStore store, IReadOnlyDictionary<string, JobWorkflowRegistration> workflows, LocalJobSettings settings,
    IServiceScopeFactory scopes, ILogger<LocalJobRunner> logger) : BackgroundService, IJobRunner
{
    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly SemaphoreSlim work = new(0);

    public async Task StartAsync<TWorkflow, TIn, TOut>(Guid tenantId, Guid jobId, TIn input, CancellationToken cancellationToken)
        where TWorkflow : IJobWorkflow<TIn, TOut>, new()
    {
        var name = JobNames.Of<TWorkflow>();
        if (!workflows.ContainsKey(name))
        {
            throw new InvalidOperationException($"Workflow {name} is not registered with the job runner.");
        }

        if (await store.InsertAsync(new JobKey(tenantId, jobId), name, JsonSerializer.Serialize(input, JsonSerializerOptions.Web), cancellationToken))
        {
            work.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Workers)).Select(_ => WorkAsync(stoppingToken)));

    public override void Dispose()
    {
        work.Dispose();
        base.Dispose();
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedRun? run = null;
            try
            {
                run = await store.ClaimAsync(owner, stoppingToken);
                if (run is not null)
                {
                    await RunAsync(run, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRunnerFailed(logger, e, run?.Key.ToString() ?? "-"); // the database was unreachable: try again after the wait
            }

            try
            {
                // Woken by a new job; otherwise looks again for jobs whose runner died.
                await work.WaitAsync(settings.Lease / 2, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(ClaimedRun run, CancellationToken stoppingToken)
    {
        var folder = Path.Combine(settings.WorkRoot, run.Key.ToString());
        if (!workflows.TryGetValue(run.Workflow, out var workflow))
        {
            await store.FailAsync(run.Key, owner, $"No workflow {run.Workflow} is registered here.", stoppingToken);
            return;
        }

        if (run.Runs > settings.MaxRuns)
        {
            LocalJobWorkspace.Remove(folder);
            await AbandonAsync(run, workflow, $"Interrupted {run.Runs - 1} times by restarts.", stoppingToken);
            return;
        }

        if (run.Runs > 1)
        {
            LogResumed(logger, run.Key.ToString(), run.Runs);
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(run.Key, running);
        try
        {
            var completed = JsonSerializer.Deserialize<List<CompletedStep>>(run.Steps, JsonSerializerOptions.Web) ?? [];
            var context = new LocalJobContext(run, completed, store, owner, scopes, new LocalJobWorkspace(settings.WorkRoot, run.Key), running.Token);
            await workflow.RunAsync(context, run.Input);
            LocalJobWorkspace.Remove(folder); // before the run is marked ended: an ended run never has a folder left behind
            await store.CompleteAsync(run.Key, owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: hand the job back so the next start resumes it at once; its folder stays for it.
            await store.ReleaseAsync(run.Key, owner, CancellationToken.None);
        }
        catch (Exception e) when (e is JobLeaseLostException || (e is OperationCanceledException && running.IsCancellationRequested))
        {
            // another runner has it now, and its folder with it
            LogLeaseLost(logger, run.Key.ToString());
        }
        catch (Exception e)
        {
            LogWorkflowFailed(logger, e, run.Key.ToString());
            LocalJobWorkspace.Remove(folder);
            await AbandonAsync(run, workflow, "The job failed unexpectedly.", CancellationToken.None);
        }
        finally
        {
            await running.CancelAsync();
            await heartbeat;
        }
    }

    private async Task AbandonAsync(ClaimedRun run, JobWorkflowRegistration workflow, string reason, CancellationToken cancellationToken)
    {
        if (workflow.OnAbandonedAsync is { } onAbandoned)
        {
            await using var scope = scopes.CreateAsyncScope();
            await onAbandoned(scope.ServiceProvider, run.Key, run.Input, reason, cancellationToken);
        }

        await store.FailAsync(run.Key, owner, reason, cancellationToken);
    }

    /// <summary>Renews the lease every third of it; cancels the run when the lease was lost.</summary>
    private async Task HeartbeatAsync(JobKey key, CancellationTokenSource running)
    {
        using var timer = new PeriodicTimer(settings.Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(running.Token))
            {
                if (!await store.RenewAsync(key, owner, running.Token))
                {
                    await running.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
        catch (Exception e)
        {
            LogRunnerFailed(logger, e, key.ToString()); // the lease may lapse; another runner then resumes the job
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job runner: job {Job} could not be run or renewed")]
    private static partial void LogRunnerFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} resumed (run {Runs})")]
    private static partial void LogResumed(ILogger logger, string job, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} was taken over by another runner")]
    private static partial void LogLeaseLost(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogWorkflowFailed(ILogger logger, Exception exception, string job);
}
