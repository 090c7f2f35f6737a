namespace PocTracker.Contracts.Dojo;

/// <summary>Someone in a room: one entry per user, however many connections the user has open.</summary>
/// <param name="UserId">The user's id (the token's <c>sub</c>).</param>
/// <param name="Name">The user's display name when the token carries one.</param>
public sealed record RoomParticipant(Guid UserId, string? Name);
