using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Csv;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// A job handed to the runner, with what the request that asked for it knew: its token and the
/// report's rendering options (kept in memory only, never stored: the job runs in this process).
/// </summary>
internal sealed record ReportWork(ReportJobRow Job, TenantUser User, string AccessToken, ReportRendering.Options Options);

/// <summary>
/// Produces report jobs in the background, one at a time per replica, taking them from a bounded queue
/// that is fair across tenants (<see cref="ReportJobQueue"/>): reads the POCs from the pocs export as
/// the user who asked (their token, which was valid when they asked; the export is authorised once,
/// when it starts), writes the file to a temporary file, stores it in object storage and marks the job.
/// Every job the replica holds, waiting or running, has its lease renewed, so the sweep can tell a job
/// whose replica died from one waiting its turn. Temporary files are deleted on every path.
/// </summary>
internal sealed partial class ReportJobRunner(
    IServiceScopeFactory scopes, IObjectStorage storage, IOptions<ReportsOptions> options, TimeProvider time, ILogger<ReportJobRunner> logger) : BackgroundService
{
    private readonly ReportJobQueue queue = new(options.Value.MaxQueuedPerReplica);
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> pending = new();
    private ReportWork? running;

    /// <summary>A place in this replica's queue for a job about to be created, or null when the queue is full.</summary>
    public ReportJobQueue.Place? TryReserve() => queue.TryReserve();

    /// <summary>Puts a created job in the place reserved for it.</summary>
    public void Enqueue(ReportJobQueue.Place place, ReportWork work)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(work);
        pending[work.Job.Id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        place.Fill(work);
    }

    /// <summary>
    /// Waits until a job this process runs has ended, or <paramref name="timeout"/> passed (for
    /// long polling: a client asks once and hears as soon as the file is ready). A job this process
    /// does not run returns at once.
    /// </summary>
    public async Task WhenEndedAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (pending.TryGetValue(id, out var ended))
        {
            try
            {
                await ended.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // still running: the caller answers with the current status
            }
        }
    }

    /// <summary>Renews the leases of the jobs this replica holds: every one waiting in its queue and the one running.</summary>
    public async Task RenewHeldLeasesAsync(CancellationToken cancellationToken)
    {
        var held = queue.Waiting().Select(work => work.Job).ToList();
        if (Volatile.Read(ref running) is { } current)
        {
            held.Add(current.Job);
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportJobStore>().RenewLeasesAsync(held, cancellationToken);
    }

    public override void Dispose()
    {
        queue.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewing = RenewLeasesAsync(stoppingToken);
        try
        {
            while (true)
            {
                var work = await queue.TakeAsync(stoppingToken);
                Volatile.Write(ref running, work);
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<ReportJobStore>();
                try
                {
                    await RunAsync(work, store, scope.ServiceProvider.GetRequiredService<PocsClient>(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e, work.Job.Id);
                    await store.FailAsync(work.User, work.Job.Id, "The report could not be produced. Ask for it again.", CancellationToken.None);
                }
                finally
                {
                    Volatile.Write(ref running, null);
                    if (pending.TryRemove(work.Job.Id, out var ended))
                    {
                        ended.SetResult();
                    }
                }
            }
        }
        finally
        {
            await renewing;
        }
    }

    private async Task RunAsync(ReportWork work, ReportJobStore store, PocsClient pocs, CancellationToken stoppingToken)
    {
        var job = work.Job;
        if (!await store.StartAsync(work.User, job.Id, stoppingToken))
        {
            return; // swept as lost meanwhile
        }

        var export = await ReportSource.OpenAsync(pocs.WithAccessToken(work.AccessToken), PocSearchFilters.FromQueryString(job.Query), stoppingToken);
        if (export.Pocs is null)
        {
            await store.FailAsync(work.User, job.Id, export.Status is 401 or 403
                ? "The access token expired before the report started, or does not open the pocs API. Ask for it again."
                : $"The POCs could not be read (pocs answered {export.Status}).", stoppingToken);
            return;
        }

        var file = Path.Combine(Path.GetTempPath(), $"poctracker-report-{job.Id:N}.tmp");
        try
        {
            long rows;
            await using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose))
            {
                rows = await ReportRendering.RenderAsync(job.Format, export.Pocs, output, work.Options, stoppingToken);
                output.Position = 0;
                var key = $"{job.TenantId:N}/reports/{job.Id:N}/{job.FileName}";
                await storage.PutAsync(key, output, ReportRendering.MediaType(job.Format), stoppingToken);
                await store.SucceedAsync(work.User, job.Id, key, rows, stoppingToken);
            }

            LogSucceeded(logger, job.Id, rows);
        }
        finally
        {
            File.Delete(file); // DeleteOnClose covers the normal path; this covers a failure before the stream opened
        }
    }

    /// <summary>Every quarter of a lease, renews the leases of the jobs held; a failed renewal is tried again at the next tick.</summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReportJobStore.Lease / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RenewHeldLeasesAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewalFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report job {JobId} succeeded with {Rows} POCs")]
    private static partial void LogSucceeded(ILogger logger, Guid jobId, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases of report jobs failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}

/// <summary>Sweeps report jobs every minute: lost ones fail with a reason, expired ones go with their files.</summary>
internal sealed partial class ReportJobSweeper(IServiceScopeFactory scopes, IObjectStorage storage, ILogger<ReportJobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (lost, expired) = await scope.ServiceProvider.GetRequiredService<ReportJobStore>().SweepAsync(stoppingToken);
                foreach (var key in expired)
                {
                    await storage.DeleteAsync(key, stoppingToken);
                }

                if (lost > 0 || expired.Count > 0)
                {
                    LogSwept(logger, lost, expired.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e); // the next tick tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report jobs swept: {Lost} lost marked failed, {Expired} expired deleted")]
    private static partial void LogSwept(ILogger logger, int lost, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping report jobs failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
