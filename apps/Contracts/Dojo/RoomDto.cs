namespace PocTracker.Contracts.Dojo;

/// <summary>A dojo room as the API returns it.</summary>
/// <param name="Id">The room's id: what <c>Join</c> on the hub takes.</param>
/// <param name="Name">What the room is about.</param>
/// <param name="Language">The document's language, for highlighting.</param>
/// <param name="PocId">The POC the room works on, if any.</param>
/// <param name="CreatedBy">The user who opened the room (the only one who may close it).</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="ClosedAt">When it was closed; null while open.</param>
public sealed record RoomDto(Guid Id, string Name, string Language, Guid? PocId, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);
