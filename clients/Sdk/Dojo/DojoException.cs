using PocTracker.Contracts.Dojo;

namespace PocTracker.Sdk.Dojo;

/// <summary>The dojo hub refused a call; <see cref="Code"/> is one of <see cref="DojoErrorCodes"/> (or null for an unexpected server error).</summary>
public sealed class DojoException : Exception
{
    public DojoException()
    {
    }

    public DojoException(string message)
        : this(message, null)
    {
    }

    public DojoException(string message, Exception? innerException)
        : base(message, innerException) => Code = CodeOf(message);

    /// <summary>The stable code the hub put in brackets at the start of its message, if any.</summary>
    public string? Code { get; }

    /// <summary>The code of a hub error message (<c>[base-length-mismatch] ...</c>), or null.</summary>
    public static string? CodeOf(string? message)
    {
        if (message is null)
        {
            return null;
        }

        // SignalR prefixes the server's message ("An error occurred ... HubException: [code] ...").
        var start = message.IndexOf('[', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf(']', start);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }
}
