namespace PocTracker.Contracts.Dojo;

/// <summary>
/// What the hub's <c>Join</c> returns. Operations of later revisions may reach the connection
/// before this result does (they are sent as soon as they are accepted): a client keeps those that
/// arrive early and applies, once joined, the ones whose revision is above <see cref="Revision"/>.
/// </summary>
/// <param name="Revision">The room's revision when the caller joined.</param>
/// <param name="Document">The document at that revision.</param>
/// <param name="Participants">Who is in the room, the caller included.</param>
public sealed record RoomJoined(int Revision, string Document, IReadOnlyList<RoomParticipant> Participants);
