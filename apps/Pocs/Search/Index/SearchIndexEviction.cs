namespace PocTracker.Pocs.Search.Index;

/// <summary>Every minute, drops the search indexes of tenants that have not searched for a while, so memory follows the active tenants.</summary>
internal sealed class SearchIndexEviction(SearchIndexStore store, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            store.DropIdle();
        }
    }
}
