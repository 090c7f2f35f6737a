namespace PocTracker.Mobile.Core.Failures;

/// <summary>
/// A call needed an access token and nobody is signed in any more: never was, signed out on this device, or the server
/// refused the refresh token (spent, revoked, expired after 14 days). Thrown by the token provider the app puts under
/// the SDK's <c>HttpClient</c>; every page then shows the sign-in page.
/// </summary>
public sealed class SignedOutException : Exception
{
    public SignedOutException()
        : base("Nobody is signed in: sign in again.")
    {
    }

    public SignedOutException(string message)
        : base(message)
    {
    }

    public SignedOutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
