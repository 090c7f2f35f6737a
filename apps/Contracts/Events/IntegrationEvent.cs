namespace PocTracker.Contracts.Events;

/// <summary>
/// Base of every integration event. The topic an event travels on is its type name
/// (<c>PocCreatedIntegrationEvent</c>), in Standalone and under Dapr alike.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this event; consumers use it to ignore redeliveries.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>When the change the event reports was committed (UTC).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The tenant whose data changed.</summary>
    public Guid TenantId { get; init; }
}
