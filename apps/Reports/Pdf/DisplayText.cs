using System.Globalization;
using System.Text;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The one place the PDF turns text it did not write (POC names, descriptions, languages, tags, the
/// tenant's and user's names, filter values) into text it can draw. Stored text can hold anything
/// PostgreSQL takes: the pocs app now refuses the worst of it, but rows stored before that, and any gap
/// in it, must not break a report for everyone who can see them (a POC named with U+FFFE made .NET's
/// normaliser throw and failed every report holding it). So:
/// <list type="bullet">
/// <item>unpaired surrogates and non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code
/// points of every plane) become U+FFFD;</item>
/// <item>characters the report's fonts have no glyph for (CJK, most emoji) become U+FFFD too, which
/// DejaVu draws: otherwise the page shows an empty box and the PDF's text layer a NUL;</item>
/// <item>control characters and runs of white space (new lines in descriptions) become one space;
/// invisible format characters (bidi marks, zero-width joiners, the byte-order mark, soft hyphens) are
/// dropped: Skia draws one glyph per character without shaping or bidi, so they could only show as boxes;</item>
/// <item>the result is NFC, so a decomposed "a" + combining tilde prints as "ã", not as two marks.</item>
/// </list>
/// CSV does not go through here: a CSV is the data itself, in UTF-8.
/// </summary>
internal static class DisplayText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        // Enumerating runes yields U+FFFD for every unpaired surrogate.
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(IsNonCharacter(rune) ? Rune.ReplacementChar : rune);
        }

        // Safe now: the normaliser refuses only unpaired surrogates and non-characters, both gone.
        var clean = builder.ToString();
        if (!clean.IsNormalized(NormalizationForm.FormC))
        {
            clean = clean.Normalize(NormalizationForm.FormC);
        }

        return ReplaceUndrawable(clean);
    }

    private static bool IsNonCharacter(Rune rune) => (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;

    private static string ReplaceUndrawable(string text)
    {
        StringBuilder? builder = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!PdfFonts.Draws(rune.Value))
            {
                builder ??= new StringBuilder(text, 0, index, text.Length);
                builder.Append(Rune.ReplacementChar);
            }
            else
            {
                builder?.Append(rune);
            }

            index += rune.Utf16SequenceLength;
        }

        return builder?.ToString() ?? text;
    }
}
