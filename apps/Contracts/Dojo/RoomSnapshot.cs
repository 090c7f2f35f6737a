namespace PocTracker.Contracts.Dojo;

/// <summary>A room's whole document at a revision: what <c>Resync</c> carries.</summary>
/// <param name="Revision">How many operations the room had accepted when the document was this text.</param>
/// <param name="Document">The text (LF-only).</param>
public sealed record RoomSnapshot(int Revision, string Document);
