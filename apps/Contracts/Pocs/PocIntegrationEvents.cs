using PocTracker.Contracts.Events;

namespace PocTracker.Contracts.Pocs;

/// <summary>A POC was created.</summary>
public sealed record PocCreatedIntegrationEvent(Guid PocId, Guid OwnerId, string Name, string? Language, IReadOnlyList<string> Tags, string Status)
    : IntegrationEvent;

/// <summary>A POC was changed; carries its state after the change.</summary>
public sealed record PocUpdatedIntegrationEvent(Guid PocId, Guid OwnerId, string Name, string? Language, IReadOnlyList<string> Tags, string Status, int Version)
    : IntegrationEvent;

/// <summary>A POC was deleted.</summary>
public sealed record PocDeletedIntegrationEvent(Guid PocId, Guid OwnerId) : IntegrationEvent;
