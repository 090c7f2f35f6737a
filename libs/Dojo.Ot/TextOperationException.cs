namespace PocTracker.Dojo.Ot;

/// <summary>
/// A text operation (or text) was refused. <see cref="Error"/> says why in a form a caller can map to
/// a protocol error without parsing the message.
/// </summary>
public sealed class TextOperationException : Exception
{
    public TextOperationException()
    {
    }

    public TextOperationException(string message)
        : base(message)
    {
    }

    public TextOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TextOperationException(TextOperationError error, string message)
        : base(message) => Error = error;

    /// <summary>Why it was refused.</summary>
    public TextOperationError Error { get; }
}
