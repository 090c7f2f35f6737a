using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.Reports.Jobs;

/// <summary>Every minute, deletes the jobs past their <see cref="ReportJobStore.Lifetime"/> with their files.</summary>
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
                var expired = await scope.ServiceProvider.GetRequiredService<ReportJobStore>().DeleteExpiredAsync(stoppingToken);
                foreach (var key in expired)
                {
                    await storage.DeleteAsync(key, stoppingToken);
                }

                if (expired.Count > 0)
                {
                    LogSwept(logger, expired.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e); // the next tick tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report jobs swept: {Expired} expired deleted")]
    private static partial void LogSwept(ILogger logger, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping report jobs failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
