namespace PocTracker.Contracts.Dojo;

/// <summary>
/// Why the dojo hub refused a call. The hub's error message starts with the code in brackets
/// (<c>[base-length-mismatch] ...</c>); clients switch on the code, never on the text after it.
/// </summary>
public static class DojoErrorCodes
{
    /// <summary>No such room in the caller's tenant (another tenant's room reads the same).</summary>
    public const string RoomNotFound = "room-not-found";

    /// <summary>The room was closed by its creator.</summary>
    public const string RoomClosed = "room-closed";

    /// <summary>Submit or Leave for a room this connection has not joined.</summary>
    public const string NotJoined = "not-joined";

    /// <summary>The operation is not ot.js JSON (an array of non-zero integers and strings).</summary>
    public const string MalformedOperation = "malformed-operation";

    /// <summary>The operation's base length differs from the document at the revision it names.</summary>
    public const string BaseLengthMismatch = "base-length-mismatch";

    /// <summary>An operation boundary falls inside a surrogate pair.</summary>
    public const string SplitsSurrogatePair = "splits-surrogate-pair";

    /// <summary>Inserted text holds a character documents may not hold (CR, a lone surrogate, NUL).</summary>
    public const string InvalidText = "invalid-text";

    /// <summary>The revision is negative or beyond the room's revision.</summary>
    public const string InvalidRevision = "invalid-revision";

    /// <summary>clientId or seq is missing or out of range.</summary>
    public const string InvalidSubmission = "invalid-submission";

    /// <summary>The document would grow beyond its cap.</summary>
    public const string DocumentTooLarge = "document-too-large";

    /// <summary>The operation inserts too much text or has too many components.</summary>
    public const string OperationTooLarge = "operation-too-large";

    /// <summary>
    /// Too many calls on this connection: the message says when to try again
    /// (<c>[rate-limited] retry after 200 ms: ...</c>, see <see cref="RetryAfter"/>).
    /// </summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The presence is missing, has too many selections, or offsets out of range.</summary>
    public const string InvalidPresence = "invalid-presence";

    /// <summary>
    /// Raised by the SDK, never by the hub: the connection stopped reconnecting because no valid access
    /// token can be had (the token provider failed or has none, or the hub refused its token).
    /// </summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The hub message as clients receive it: the code in brackets, then the text.</summary>
    public static string Format(string code, string detail) => $"[{code}] {detail}";

    /// <summary>The wait a <see cref="RateLimited"/> message asks for, or null when the message is not one.</summary>
    public static TimeSpan? RetryAfter(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prefix = $"[{RateLimited}] retry after ";
        var start = message.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var digits = message.AsSpan(start + prefix.Length);
        var end = digits.IndexOf(" ms", StringComparison.Ordinal);
        return end > 0 && int.TryParse(digits[..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }
}
