using PocTracker.Contracts.Text;

namespace PocTracker.Dojo.Ot;

/// <summary>
/// What text may enter a dojo document (an initial document or an insert): no carriage return
/// (documents are LF-only), no lone surrogate (every surrogate is half of a pair), no NUL (PostgreSQL
/// text cannot store it) and no Unicode non-character (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two
/// code points of every plane, U+1FFFE … U+10FFFF). Non-characters are reserved for a program's own
/// use, never for interchange, and have no glyph: a document is code that ends up in a POC's code
/// notes and from there in reports and PDFs, which would have to drop or replace them: beyond the CR, this is
/// <see cref="InputText"/>, the rule for every text field. The same rule holds on the server and in
/// every client (the SDK builds its operations with it), so an editor learns at once that a
/// character cannot be typed instead of having its edits refused by the room later.
/// </summary>
public static class DocumentText
{
    /// <summary>Returns <see cref="TextOperationError.None"/> if <paramref name="text"/> may be part of a document, otherwise why not.</summary>
    public static TextOperationError Check(ReadOnlySpan<char> text)
    {
        // Every character InputText refuses is NUL or at U+D800 and above, and a CR is refused here. Nearly
        // everything typed has none of them, and says so quickly: a keystroke by a plain loop (the vector
        // scans cost more in calls than a character or two), a paste by two vectorised scans.
        if (text.Length <= 16 ? IsPlain(text) : !text.ContainsAnyInRange('\uD800', '\uFFFF') && !text.ContainsAny('\0', '\r'))
        {
            return TextOperationError.None;
        }

        if (text.Contains('\r'))
        {
            return TextOperationError.CarriageReturn;
        }

        // Beyond line endings, a document takes what every text field takes (InputText, the one rule).
        return InputText.FindFault(text)?.Kind switch
        {
            null => TextOperationError.None,
            InputTextFaultKind.Nul => TextOperationError.Nul,
            InputTextFaultKind.LoneSurrogate => TextOperationError.LoneSurrogate,
            _ => TextOperationError.NonCharacter,
        };
    }

    private static bool IsPlain(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is '\0' or '\r' or >= '\uD800')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws a <see cref="TextOperationException"/> unless <paramref name="text"/> may be part of a document.</summary>
    public static void Validate(ReadOnlySpan<char> text)
    {
        var error = Check(text);
        if (error != TextOperationError.None)
        {
            throw new TextOperationException(error, Describe(error));
        }
    }

    /// <summary>A sentence saying why text or an operation with <paramref name="error"/> is refused.</summary>
    public static string Describe(TextOperationError error) => error switch
    {
        TextOperationError.CarriageReturn => "Documents are LF-only: text with a carriage return (\\r) is refused.",
        TextOperationError.LoneSurrogate => "Text holds a lone UTF-16 surrogate (not half of a pair).",
        TextOperationError.Nul => "Text may not hold NUL (U+0000).",
        TextOperationError.NonCharacter => "Text may not hold a Unicode non-character (U+FFFE, U+FFFF, U+FDD0 to U+FDEF, or the last two code points of a plane).",
        TextOperationError.SplitsSurrogatePair => "An operation boundary falls inside a surrogate pair (between the two UTF-16 halves of one character).",
        TextOperationError.BaseLengthMismatch => "The operation's base length must equal the document's length.",
        TextOperationError.ComposeLengthMismatch => "The base length of the second operation must equal the target length of the first.",
        TextOperationError.TransformLengthMismatch => "Both operations must have the same base length.",
        TextOperationError.TooLong => "A length does not fit in a 32-bit integer.",
        TextOperationError.InvalidComponent => "An operation is a JSON array of non-zero integers and strings.",
        _ => error.ToString(),
    };

    /// <summary>True when position <paramref name="index"/> of <paramref name="text"/> lies between the halves of a surrogate pair.</summary>
    internal static bool SplitsPair(ReadOnlySpan<char> text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);
}
