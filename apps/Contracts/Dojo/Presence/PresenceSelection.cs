namespace PocTracker.Contracts.Dojo.Presence;

/// <summary>One selection: where it started (<paramref name="Anchor"/>) and where the cursor is (<paramref name="Head"/>), in UTF-16 code units.</summary>
public readonly record struct PresenceSelection(int Anchor, int Head);
