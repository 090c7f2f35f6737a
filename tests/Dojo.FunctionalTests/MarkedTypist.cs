using System.Globalization;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// Random keystrokes, pastes and deletions (accented letters, emoji, line breaks) that also drop
/// markers <c>⟦client#n⟧</c>: nobody ever deletes or types inside a marker, so every marker a
/// client typed must end up in the room's text exactly once — an edit lost or applied twice shows.
/// </summary>
internal sealed class MarkedTypist(string clientId, Random random)
{
    private const char Open = '⟦';
    private const char Close = '⟧';
    private static readonly string[] Snippets = ["a", "b", "x", "é", "ç", "ã", "ñ", "😀", "🇧🇷", "👩‍💻", "\n", "  ", "if", "{}", "Olá", "naïve", "𝄞"];
    private int markers;

    /// <summary>The markers typed so far.</summary>
    public List<string> Markers { get; } = [];

    /// <summary>One edit on <paramref name="text"/>, or null when there is nothing to do.</summary>
    public TextOperation? Next(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = OutsideMarkers(text, random.Next(text.Length + 1));
        var roll = random.Next(100);
        if (roll < 15)
        {
            var marker = string.Create(CultureInfo.InvariantCulture, $"{Open}{clientId}#{markers++}{Close}");
            Markers.Add(marker);
            return TextOperation.Splice(text.Length, position, 0, marker);
        }

        if (roll < 40 && position < text.Length)
        {
            var end = position;
            var wanted = random.Next(1, 4);
            while (end < text.Length && end - position < wanted && text[end] != Open)
            {
                end += char.IsHighSurrogate(text[end]) ? 2 : 1;
            }

            return end > position ? TextOperation.Splice(text.Length, position, end - position, "") : null;
        }

        return TextOperation.Splice(text.Length, position, 0, Snippets[random.Next(Snippets.Length)]);
    }

    /// <summary>Moves a position out of a marker (to its start) and off the middle of a surrogate pair.</summary>
    private static int OutsideMarkers(string text, int position)
    {
        if (position > 0 && position < text.Length && char.IsLowSurrogate(text[position]))
        {
            position--;
        }

        var open = text.LastIndexOf(Open, Math.Max(0, position - 1));
        var close = text.LastIndexOf(Close, Math.Max(0, position - 1));
        return position > 0 && open >= 0 && open > close ? open : position;
    }
}
