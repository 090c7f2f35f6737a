using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Sdk.Dojo.Presence;

/// <summary>
/// Someone else in the room as an editor draws them: their name and colour, and their selections in
/// offsets of the session's local text as it is now (moved through every operation applied to it since
/// they were reported, the local user's own included).
/// </summary>
/// <param name="UserId">The user (one entry however many tabs they have open).</param>
/// <param name="Name">The user's display name, when their token carries one.</param>
/// <param name="Colour">Their colour, <c>#rrggbb</c>: the same in every room and on every client (<see cref="ParticipantColours"/>).</param>
/// <param name="Selections">Anchor and head in UTF-16 offsets of <see cref="DojoSession.Text"/>, the primary first; empty before they report a cursor or when their editor lost focus.</param>
public sealed record DojoRemoteParticipant(Guid UserId, string? Name, string Colour, IReadOnlyList<PresenceSelection> Selections);
