namespace PocTracker.Sdk.SignIn;

/// <summary>
/// A sign-in that did not end with tokens: an OAuth 2.0 error (RFC 6749 §4.1.2.1 and §5.2, e.g. <c>access_denied</c>,
/// <c>invalid_grant</c>) from the authorization callback or the token endpoint, or a callback that is not this attempt's.
/// The token endpoint speaks OAuth's error format, not RFC 9457, hence an exception of its own.
/// </summary>
public sealed class SignInException : Exception
{
    public SignInException()
    {
    }

    public SignInException(string message)
        : base(message)
    {
    }

    public SignInException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SignInException(string error, string? description)
        : base($"Sign-in failed ({error}){(description is null ? "." : ": " + description)}")
    {
        Error = error;
        Description = description;
    }

    /// <summary>The OAuth error code, to switch on (<c>invalid_grant</c>, <c>access_denied</c>, <c>invalid_state</c>, …).</summary>
    public string? Error { get; }

    /// <summary>The server's explanation, for a person.</summary>
    public string? Description { get; }
}
