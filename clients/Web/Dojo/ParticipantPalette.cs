using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Web.Dojo;

/// <summary>
/// A participant's colour as a CSS class (<c>dojo-colour-0</c> … <c>dojo-colour-11</c>, css/dojo.css): the palette's
/// index, so the stylesheet, not inline styles, paints cursors, selections and name labels (each with a text colour
/// that keeps its contrast on that background).
/// </summary>
public static class ParticipantPalette
{
    /// <summary>The colour's index in <see cref="ParticipantColours.All"/> (0 for a colour not in it: a newer server's).</summary>
    public static int IndexOf(string colour)
    {
        for (var i = 0; i < ParticipantColours.All.Count; i++)
        {
            if (string.Equals(ParticipantColours.All[i], colour, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The CSS class of a colour.</summary>
    public static string ClassOf(string colour) => $"dojo-colour-{IndexOf(colour)}";
}
