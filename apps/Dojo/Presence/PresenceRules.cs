using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Dojo.Presence;

/// <summary>
/// What a presence may hold. Bounded so a client cannot make the server forward megabytes of
/// selections; offsets are checked against the document cap only, not the document at the named
/// revision (the server does not transform or interpret presence: receivers clamp what they draw).
/// </summary>
internal static class PresenceRules
{
    /// <summary>Why <paramref name="presence"/> is refused, or null when it is fine.</summary>
    public static string? Problem(ParticipantPresence? presence, int maxSelections, int maxDocumentLength)
    {
        if (presence?.Selections is not { } selections)
        {
            return "A presence needs a revision and a list of selections.";
        }

        if (presence.Revision < 0)
        {
            return "The revision may not be negative.";
        }

        if (selections.Count > maxSelections)
        {
            return $"A presence holds at most {maxSelections} selections.";
        }

        foreach (var (anchor, head) in selections)
        {
            if (anchor < 0 || head < 0 || anchor > maxDocumentLength || head > maxDocumentLength)
            {
                return $"Selection offsets are 0 to {maxDocumentLength} (UTF-16 code units).";
            }
        }

        return null;
    }
}
