using Microsoft.Extensions.Options;

namespace PocTracker.Dojo.Presence;

/// <summary>
/// Runs <see cref="RoomPresence.RefreshAsync"/> every <see cref="PresenceOptions.RefreshInterval"/>
/// (on the injected clock). Only where there are other replicas to hear it (under a sidecar).
/// </summary>
internal sealed partial class PresenceRefresher(RoomPresence presence, IOptions<PresenceOptions> options, TimeProvider time, ILogger<PresenceRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await presence.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed round must not end the refreshes: the next one repeats it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence refresh failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
