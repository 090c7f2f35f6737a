using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Dojo.Ot;

/// <summary>
/// Moves presence offsets through an operation, as ot.js's <c>Selection.Range.transform</c> does:
/// a client holding someone's cursor at revision r applies this for every operation after r, so the
/// cursor stays on the same character while others type. The server never transforms presence.
/// </summary>
public static class PresenceTransform
{
    /// <summary>Where <paramref name="index"/> ends up after <paramref name="operation"/> (text inserted at the index pushes it right).</summary>
    public static int Index(int index, TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var moved = index;
        var remaining = index;
        var buffer = default(TextOperation.SpliceComponents);
        foreach (var component in operation.ReadComponents(ref buffer))
        {
            if (component.IsRetain)
            {
                remaining -= component.Length;
            }
            else if (component.IsInsert)
            {
                moved += component.Length;
            }
            else
            {
                moved -= Math.Min(remaining, component.Length);
                remaining -= component.Length;
            }

            if (remaining < 0)
            {
                break;
            }
        }

        return moved;
    }

    /// <summary>The presence after <paramref name="operation"/>, which produced <paramref name="revision"/>.</summary>
    public static ParticipantPresence Apply(ParticipantPresence presence, TextOperation operation, int revision)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var selections = new PresenceSelection[presence.Selections.Count];
        for (var i = 0; i < selections.Length; i++)
        {
            var (anchor, head) = presence.Selections[i];
            selections[i] = new PresenceSelection(Index(anchor, operation), Index(head, operation));
        }

        return new ParticipantPresence(revision, selections);
    }
}
