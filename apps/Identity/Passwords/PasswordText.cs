using System.Globalization;
using System.Text;

namespace PocTracker.Identity.Passwords;

/// <summary>Unicode helpers shared by the policy, the blocklists and the strength estimator.</summary>
internal static class PasswordText
{
    /// <summary>
    /// NFKC, after replacing with U+FFFD what the normaliser refuses: a lone surrogate (the UTF-8 encoder of the hasher
    /// would replace it anyway) and U+FFFE (.NET on Linux normalises with ICU, and throws an ArgumentException for it).
    /// Never throws, never trims, never truncates, never changes case. Other noncharacters (U+FFFF…) normalise to
    /// themselves and are kept, so a password set with one before the policy refused them still verifies.
    /// </summary>
    public static string Normalize(string text)
    {
        var normalizable = IsNormalizable(text) ? text : ReplaceUnnormalizable(text);
        return normalizable.IsNormalized(NormalizationForm.FormKC) ? normalizable : normalizable.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>True when the string is well-formed UTF-16 (every surrogate is part of a pair).</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNormalizable(string text) => !text.Contains('\uFFFE', StringComparison.Ordinal) && IsWellFormed(text);

    private static string ReplaceUnnormalizable(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(c) || c == '\uFFFE' ? '\uFFFD' : c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The number of Unicode code points (a surrogate pair counts once; a lone surrogate counts once).</summary>
    public static int CountCodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    /// <summary>The code points of a (well-formed) string.</summary>
    public static int[] CodePoints(string text)
    {
        var result = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.Value);
        }
        return [.. result];
    }

    /// <summary>Lower-case (invariant) form of an already normalised string.</summary>
    public static string Lower(string normalized) => normalized.ToLowerInvariant();

    /// <summary>
    /// The comparison key for "ignoring case and accents": NFKC, lower-cased, combining marks removed
    /// ("Conceição" → "conceicao", "ＡＣＭＥ" → "acme").
    /// </summary>
    public static string Fold(string text)
    {
        var decomposed = Normalize(text).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Only the letters and digits of a string ("acme-ltda" → "acmeltda", "joao.silva" → "joaosilva").</summary>
    public static string Compact(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append(rune.ToString());
            }
        }
        return sb.ToString();
    }

    /// <summary>The runs of letters and digits of a string ("joão.silva_2" → "joão", "silva", "2").</summary>
    public static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append(rune.ToString());
            }
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    /// <summary>
    /// The password without its leading and trailing digits, symbols, punctuation and spaces
    /// ("senha123456789!!" → "senha", "!!Flamengo2024" → "Flamengo"); empty when it has no letter.
    /// </summary>
    public static string StripNonLetterEnds(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var start = runes.FindIndex(Rune.IsLetter);
        if (start < 0)
        {
            return string.Empty;
        }
        var end = runes.FindLastIndex(Rune.IsLetter);
        var sb = new StringBuilder();
        for (var i = start; i <= end; i++)
        {
            sb.Append(runes[i].ToString());
        }
        return sb.ToString();
    }
}
