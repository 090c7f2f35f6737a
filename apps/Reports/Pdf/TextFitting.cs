using SkiaSharp;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// Fits text into a box of a given width: wraps on spaces, breaks words longer than a line, and ends
/// with an ellipsis when the text needs more lines than allowed. Text goes through
/// <see cref="DisplayText.Clean"/> first, so whatever was stored fits as something the PDF can draw.
/// </summary>
internal static class TextFitting
{
    private const string Ellipsis = "…";

    /// <summary>The lines of <paramref name="text"/> that fit <paramref name="width"/>, at most <paramref name="maxLines"/>.</summary>
    public static List<string> Lines(string? text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>(Math.Min(maxLines, 4));
        var clean = DisplayText.Clean(text);
        if (clean.Length == 0)
        {
            return lines;
        }

        var rest = clean.AsSpan();
        while (rest.Length > 0)
        {
            if (lines.Count == maxLines - 1)
            {
                lines.Add(Truncate(rest.ToString(), font, width));
                break;
            }

            var take = LineLength(rest, font, width);
            lines.Add(rest[..take].TrimEnd().ToString());
            rest = rest[take..].TrimStart();
        }

        return lines;
    }

    /// <summary>One line: the text as it is when it fits, else cut with an ellipsis.</summary>
    public static string Truncate(string? text, SKFont font, float width)
    {
        var clean = DisplayText.Clean(text);
        if (font.MeasureText(clean) <= width)
        {
            return clean;
        }

        // Binary search on the prefix length: measuring is the cost, and names run to 200 characters.
        int low = 0, high = clean.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (font.MeasureText(string.Concat(clean.AsSpan(0, mid).TrimEnd(), Ellipsis)) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return string.Concat(clean.AsSpan(0, SafeCut(clean, low)).TrimEnd(), Ellipsis);
    }

    /// <summary>How many characters of <paramref name="text"/> go on a line: up to the last space that fits, else as many as fit.</summary>
    private static int LineLength(ReadOnlySpan<char> text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text.Length;
        }

        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (font.MeasureText(text[..mid]) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var space = text[..(low + 1)].LastIndexOf(' ');
        return space > 0 ? space + 1 : SafeCut(text, Math.Max(low, 1));
    }

    /// <summary>Never splits a surrogate pair.</summary>
    private static int SafeCut(ReadOnlySpan<char> text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
}
