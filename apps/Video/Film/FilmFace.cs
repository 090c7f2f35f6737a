using System.Text;
using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>
/// A typeface with its fallback: text is split into runs, each drawn with the primary face when it
/// has the glyph and with the fallback otherwise (Inter has no glyphs for, say, CJK or many symbols).
/// </summary>
internal sealed class FilmFace(SKTypeface primary, SKTypeface fallback) : IDisposable
{
    private const string Ellipsis = "…";

    /// <summary>Asks the primary face which characters it has (glyph lookups only; shared, not drawn with).</summary>
    private readonly SKFont _probe = new(primary);

    public SKTypeface Primary { get; } = primary;

    public void Dispose() => _probe.Dispose();

    /// <summary>The width of <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
    public float Measure(string text, float size)
    {
        var width = 0f;
        foreach (var (run, face) in Runs(text))
        {
            using var font = Font(face, size);
            width += font.MeasureText(run);
        }

        return width;
    }

    /// <summary>Draws one line with its left end at <paramref name="x"/>; returns the width drawn.</summary>
    public float Draw(SKCanvas canvas, string text, float x, float baseline, float size, SKPaint paint)
    {
        var start = x;
        foreach (var (run, face) in Runs(text))
        {
            using var font = Font(face, size);
            canvas.DrawText(run, x, baseline, SKTextAlign.Left, font, paint);
            x += font.MeasureText(run);
        }

        return x - start;
    }

    /// <summary>Draws one line centred on <paramref name="centre"/>.</summary>
    public void DrawCentred(SKCanvas canvas, string text, float centre, float baseline, float size, SKPaint paint) =>
        Draw(canvas, text, centre - (Measure(text, size) / 2), baseline, size, paint);

    /// <summary>Splits <paramref name="text"/> into at most <paramref name="maxLines"/> lines of at most <paramref name="width"/>, the last ending in "…" when cut.</summary>
    public IReadOnlyList<string> Wrap(string text, float size, float width, int maxLines)
    {
        var lines = new List<string>();
        if (maxLines <= 0)
        {
            return lines;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = string.Empty;
        var i = 0;
        for (; i < words.Length; i++)
        {
            var candidate = line.Length == 0 ? words[i] : line + " " + words[i];
            if (Measure(candidate, size) <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
                line = string.Empty;
                i--;
            }
            else
            {
                // A single word wider than the line: break it where it overflows.
                var cut = Fit(words[i], size, width);
                lines.Add(words[i][..cut]);
                words[i] = words[i][cut..];
                i--;
            }

            if (lines.Count == maxLines)
            {
                break;
            }
        }

        if (lines.Count < maxLines && line.Length > 0)
        {
            lines.Add(line);
        }
        else if (lines.Count == maxLines && (i < words.Length || line.Length > 0))
        {
            lines[^1] = Truncate(lines[^1] + Ellipsis, size, width);
        }

        return lines;
    }

    /// <summary>Cuts <paramref name="text"/> to fit <paramref name="width"/>, ending in "…" when cut.</summary>
    public string Truncate(string text, float size, float width)
    {
        if (Measure(text, size) <= width)
        {
            return text;
        }

        var body = text.EndsWith(Ellipsis, StringComparison.Ordinal) ? text[..^1] : text;
        while (body.Length > 0 && Measure(body.TrimEnd() + Ellipsis, size) > width)
        {
            body = body[..^1];
        }

        return body.TrimEnd() + Ellipsis;
    }

    private int Fit(string word, float size, float width)
    {
        var cut = word.Length - 1;
        while (cut > 1 && Measure(word[..cut], size) > width)
        {
            cut--;
        }

        // Never split a surrogate pair.
        return char.IsHighSurrogate(word[cut - 1]) ? cut - 1 : Math.Max(1, cut);
    }

    private bool HasGlyph(int codepoint)
    {
        lock (_probe)
        {
            return _probe.ContainsGlyph(codepoint);
        }
    }

    private static SKFont Font(SKTypeface face, float size) =>
        new(face, size) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Slight };

    private IEnumerable<(string Run, SKTypeface Face)> Runs(string text)
    {
        var run = new StringBuilder();
        SKTypeface? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var face = Rune.IsWhiteSpace(rune) || HasGlyph(rune.Value) ? Primary : fallback;
            if (current is not null && face != current && run.Length > 0)
            {
                yield return (run.ToString(), current);
                run.Clear();
            }

            current = face;
            run.Append(rune.ToString());
        }

        if (run.Length > 0 && current is not null)
        {
            yield return (run.ToString(), current);
        }
    }
}
