using System.Collections.Frozen;
using System.Text;

namespace PocTracker.Pocs.Import;

/// <summary>
/// The characters of an import body: the charset its Content-Type declares, UTF-8 when none is declared.
/// Bytes that are not text in that charset are refused with their line, never replaced with U+FFFD behind
/// the importer's back (a spreadsheet saved in Windows-1252 and sent as UTF-8 would otherwise import every
/// "ç" as "�").
/// </summary>
internal static class CsvCharset
{
    // The labels browsers read as windows-1252 (WHATWG Encoding Standard): what "iso-8859-1" or "latin1"
    // means in practice, and what Excel in Brazil writes, with € and curly quotes where ISO-8859-1 has controls.
    private static readonly FrozenSet<string> Windows1252Labels = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "windows-1252", "x-cp1252", "cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987",
        "iso-ir-100", "l1", "latin1", "csisolatin1", "cp819", "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968");

    /// <summary>
    /// A decoder for <paramref name="charset"/> (UTF-8 when null or empty) that throws on bytes that are not
    /// text in it; null when the charset is not one this machine knows, or is UTF-7 (obsolete and unsafe).
    /// </summary>
    public static Encoding? Strict(string? charset)
    {
        var label = charset?.Trim();
        var encoding = string.IsNullOrEmpty(label) ? Encoding.UTF8
            : Windows1252Labels.Contains(label) ? CodePagesEncodingProvider.Instance.GetEncoding(1252)
            : label.Contains("utf-7", StringComparison.OrdinalIgnoreCase) || label.Contains("utf7", StringComparison.OrdinalIgnoreCase) ? null
            : BuiltIn(label) ?? CodePagesEncodingProvider.Instance.GetEncoding(label);
        if (encoding is null)
        {
            return null;
        }

        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        return strict;
    }

    /// <summary>
    /// Turns <paramref name="body"/> into UTF-8 in place (nothing to do when it already is UTF-8); null when
    /// done, else the line (from 1) of the first bytes that are not text in <paramref name="encoding"/>.
    /// </summary>
    public static long? ConvertToUtf8(MemoryStream body, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(encoding);
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        try
        {
            if (encoding is UTF8Encoding)
            {
                _ = encoding.GetCharCount(bytes); // validates
                return null;
            }

            var utf8 = Encoding.UTF8.GetBytes(encoding.GetString(bytes));
            body.SetLength(0);
            body.Write(utf8);
            body.Position = 0;
            return null;
        }
        catch (DecoderFallbackException invalid)
        {
            // The text before the bad bytes decodes; its line breaks count the lines as a spreadsheet does.
            var lenient = (Encoding)encoding.Clone();
            lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
            var before = lenient.GetString(bytes[..Math.Clamp(invalid.Index, 0, bytes.Length)]);
            return 1 + LineBreaks(before);
        }
    }

    private static Encoding? BuiltIn(string label)
    {
        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null; // not a built-in name; maybe a code page
        }
    }

    // CRLF, LF and a lone CR each end a line.
    private static long LineBreaks(string text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
