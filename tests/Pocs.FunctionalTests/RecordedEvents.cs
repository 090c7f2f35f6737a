using System.Collections.Concurrent;
using PocTracker.Contracts.Events;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Every integration event the app delivered to its subscription handlers, for tests to await.</summary>
public sealed class RecordedEvents
{
    private readonly ConcurrentQueue<IntegrationEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);

    public IReadOnlyCollection<IntegrationEvent> All => events.ToArray();

    public void Add(IntegrationEvent integrationEvent)
    {
        events.Enqueue(integrationEvent);
        arrived.Release();
    }

    /// <summary>Waits (event-driven, bounded) until an event matching <paramref name="match"/> has been delivered.</summary>
    public async Task<TEvent> WaitForAsync<TEvent>(Func<TEvent, bool> match, TimeSpan? timeout = null)
        where TEvent : IntegrationEvent
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (events.OfType<TEvent>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await arrived.WaitAsync(deadline.Token);
        }
    }
}

internal sealed class RecordingHandler<TEvent>(RecordedEvents recorded) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        recorded.Add(integrationEvent);
        return Task.CompletedTask;
    }
}
