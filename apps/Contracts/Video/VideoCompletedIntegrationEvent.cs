using PocTracker.Contracts.Events;

namespace PocTracker.Contracts.Video;

/// <summary>A user's year video is ready (topic <c>VideoCompletedIntegrationEvent</c>): e.g. to notify them.</summary>
/// <param name="VideoId">The video.</param>
/// <param name="UserId">Whose it is.</param>
/// <param name="DurationSeconds">The film's length.</param>
/// <param name="Bytes">The MP4's size.</param>
public sealed record VideoCompletedIntegrationEvent(Guid VideoId, Guid UserId, double DurationSeconds, long Bytes) : IntegrationEvent;
