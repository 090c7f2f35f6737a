namespace PocTracker.Contracts.Dojo;

/// <summary>The body of <c>POST /api/dojo/rooms</c>.</summary>
/// <param name="Name">What the room is about (1–100 characters).</param>
/// <param name="Language">The document's language, for highlighting (e.g. <c>csharp</c>, <c>typescript</c>).</param>
/// <param name="PocId">A POC the room works on, if any.</param>
public sealed record CreateRoomRequest(string? Name, string? Language, Guid? PocId = null);
