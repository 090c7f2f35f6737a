using System.Buffers;
using System.Globalization;
using System.Text;

namespace PocTracker.Contracts.Text;

/// <summary>
/// The one rule for text that any app accepts into a text field (names, tags, descriptions, notes, code,
/// search text), so that whatever is stored can be written out again by every format downstream: JSON,
/// CSV, PDF, UTF-8 in PostgreSQL. Refused, wherever they are:
/// <list type="bullet">
/// <item>NUL (U+0000): PostgreSQL text cannot hold it;</item>
/// <item>a lone UTF-16 surrogate (half of a pair): it is not a character at all and has no UTF-8 form;</item>
/// <item>the 66 Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE, U+1FFFF, ... U+10FFFF). Unicode reserves them for a program's internal use,
/// never for interchange, and text holding them makes PDF writers and other tools fail.</item>
/// </list>
/// Everything else is accepted, including line breaks, tabs and other control characters, private-use
/// and not yet assigned code points. Shared with clients (it is in Contracts), so they can check before sending.
/// </summary>
public static class InputText
{
    // What the scan stops at: NUL, every surrogate (a pair is then checked as a whole) and the BMP's noncharacters.
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        new[] { '\0', '\uFFFE', '\uFFFF' }.Concat(Range('\uD800', '\uDFFF')).Concat(Range('\uFDD0', '\uFDEF')).ToArray());

    /// <summary>The first thing in <paramref name="text"/> this rule refuses, or null when it is all acceptable.</summary>
    public static InputTextFault? FindFault(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var found = text[offset..].IndexOfAny(Suspects);
            if (found < 0)
            {
                return null;
            }

            var i = offset + found;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A pair: a supplementary noncharacter (U+nFFFE, U+nFFFF) has a high half ending in six 1 bits and a low
                // half DFFE or DFFF. The low half alone is not enough: U+1F3FF (🏿, a skin tone) ends in DFFF too.
                if ((c & 0x3F) == 0x3F && text[i + 1] is '\uDFFE' or '\uDFFF')
                {
                    return new InputTextFault(i, char.ConvertToUtf32(c, text[i + 1]), InputTextFaultKind.Noncharacter);
                }

                offset = i + 2;
                continue;
            }

            return new InputTextFault(i, c, c switch
            {
                '\0' => InputTextFaultKind.Nul,
                _ when char.IsSurrogate(c) => InputTextFaultKind.LoneSurrogate,
                _ => InputTextFaultKind.Noncharacter,
            });
        }
    }

    /// <summary>Whether <paramref name="text"/> holds nothing this rule refuses.</summary>
    public static bool IsAcceptable(ReadOnlySpan<char> text) => FindFault(text) is null;

    /// <summary>
    /// Whether <paramref name="text"/> shows anything: at least one character that is not white space,
    /// not invisible formatting (zero-width space, joiners, word joiner, byte order mark, ...), not a
    /// control character, not a combining mark on its own, and not one of the letters that render blank
    /// (the Hangul fillers, the blank Braille pattern). A name made only of those would look empty.
    /// </summary>
    public static bool HasVisibleCharacter(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsVisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVisible(Rune rune) =>
        !Rune.IsWhiteSpace(rune)
        && rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
        && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static IEnumerable<char> Range(char first, char last)
    {
        for (var c = first; c <= last; c++)
        {
            yield return c;
        }
    }
}

/// <summary>Why <see cref="InputText"/> refuses a text.</summary>
public enum InputTextFaultKind
{
    Nul,
    LoneSurrogate,
    Noncharacter,
}

/// <summary>The first refused character of a text: where it is (UTF-16 index), which code point (or lone surrogate) and why.</summary>
public readonly record struct InputTextFault(int Index, int CodePoint, InputTextFaultKind Kind)
{
    /// <summary>A message for the person who sent the text.</summary>
    public string Message => Kind switch
    {
        InputTextFaultKind.Nul => "Text may not contain NUL (U+0000) characters.",
        InputTextFaultKind.LoneSurrogate => $"Text may not contain a lone UTF-16 surrogate (U+{CodePoint:X4}, half of a character).",
        _ => $"Text may not contain U+{CodePoint:X4}: it is a Unicode noncharacter, not meant for text.",
    };
}
