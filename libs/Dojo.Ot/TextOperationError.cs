namespace PocTracker.Dojo.Ot;

/// <summary>Why a text operation, or a text, was refused. Stable values: the dojo hub maps each to an error code.</summary>
public enum TextOperationError
{
    /// <summary>Nothing wrong.</summary>
    None = 0,

    /// <summary>An element of the JSON array is not a non-zero integer or a string (or the JSON is not an array).</summary>
    InvalidComponent,

    /// <summary>Inserted text (or a document) holds a carriage return: documents are LF-only.</summary>
    CarriageReturn,

    /// <summary>Inserted text (or a document) holds a surrogate code unit that is not half of a pair.</summary>
    LoneSurrogate,

    /// <summary>An operation boundary falls between the two halves of a surrogate pair.</summary>
    SplitsSurrogatePair,

    /// <summary>The operation's base length differs from the length of the document it is applied to.</summary>
    BaseLengthMismatch,

    /// <summary>Compose: the first operation's target length differs from the second's base length.</summary>
    ComposeLengthMismatch,

    /// <summary>Transform: the two operations do not start from documents of the same length.</summary>
    TransformLengthMismatch,

    /// <summary>A length does not fit in a 32-bit integer.</summary>
    TooLong,

    /// <summary>Inserted text (or a document) holds NUL (U+0000), which PostgreSQL text cannot store.</summary>
    Nul,

    /// <summary>Inserted text (or a document) holds a Unicode non-character (U+FFFE, U+FFFF, U+FDD0–U+FDEF, U+nFFFE, U+nFFFF).</summary>
    NonCharacter,
}
