using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Contracts.Dojo;

/// <summary>Someone in a room: one entry per user, however many connections the user has open.</summary>
/// <param name="UserId">The user's id (the token's <c>sub</c>).</param>
/// <param name="Name">The user's display name when the token carries one.</param>
/// <param name="Presence">The user's cursor and selections as last reported (null until they report one).</param>
/// <param name="Left">In a <c>Presence</c> message: the user's last connection left the room.</param>
public sealed record RoomParticipant(Guid UserId, string? Name, ParticipantPresence? Presence = null, bool Left = false)
{
    /// <summary>The user's colour for cursors and selections (<c>#rrggbb</c>): the same in every room and on every client.</summary>
    public string Colour => ParticipantColours.Of(UserId);
}
