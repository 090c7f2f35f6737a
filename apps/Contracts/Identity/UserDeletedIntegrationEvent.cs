using PocTracker.Contracts.Events;

namespace PocTracker.Contracts.Identity;

/// <summary>
/// An account was deleted at its owner's request (LGPD). Every app erases or hands over that
/// person's data: their private data goes, what they shared with the tenant passes to
/// <paramref name="SuccessorId"/> (the tenant's owner chosen by the identity app).
/// </summary>
public sealed record UserDeletedIntegrationEvent(Guid UserId, Guid SuccessorId) : IntegrationEvent;
