namespace PocTracker.Contracts.Dojo.Ot;

/// <summary>
/// What text may enter a dojo document (an initial document or an insert): no carriage return
/// (documents are LF-only) and no lone surrogate (every surrogate is half of a pair).
/// </summary>
public static class DocumentText
{
    /// <summary>Returns <see cref="TextOperationError.None"/> if <paramref name="text"/> may be part of a document, otherwise why not.</summary>
    public static TextOperationError Check(ReadOnlySpan<char> text)
    {
        // Both scans are vectorised; the common text (no CR, no surrogates) is decided by them alone.
        if (text.Contains('\r'))
        {
            return TextOperationError.CarriageReturn;
        }

        var first = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return TextOperationError.None;
        }

        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return TextOperationError.LoneSurrogate;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return TextOperationError.LoneSurrogate;
            }
        }

        return TextOperationError.None;
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

    internal static string Describe(TextOperationError error) => error switch
    {
        TextOperationError.CarriageReturn => "Documents are LF-only: text with a carriage return (\\r) is refused.",
        TextOperationError.LoneSurrogate => "Text holds a lone UTF-16 surrogate (not half of a pair).",
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
