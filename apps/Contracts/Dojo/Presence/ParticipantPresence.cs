namespace PocTracker.Contracts.Dojo.Presence;

/// <summary>
/// Where a participant's cursor and selections are: UTF-16 offsets into the document at
/// <see cref="Revision"/>. The server forwards it as sent; a client holding it transforms the offsets
/// through the operations it applies after that revision (the engine's <c>PocTracker.Dojo.Ot.PresenceTransform</c>).
/// </summary>
/// <param name="Revision">The room revision the offsets refer to.</param>
/// <param name="Selections">
/// The selections, the primary one first; a cursor is a selection whose anchor equals its head.
/// Empty when the participant's editor has no focus.
/// </param>
public sealed record ParticipantPresence(int Revision, IReadOnlyList<PresenceSelection> Selections);
