namespace PocTracker.Identity.Pages;

/// <summary>
/// The addresses of the identity app's server-rendered pages, in one place: the pages link to one another across
/// their folders (the login page to the forgotten-password page, that one and the invitation page back to the login
/// page), and a link must not make one feature folder depend on another.
/// </summary>
internal static class PagePaths
{
    public const string Login = "/account/login";

    /// <summary>The login's second step: under <see cref="Login"/>, because the pending cookie is sent to that path only.</summary>
    public const string LoginCode = Login + "/code";

    public const string ForgotPassword = "/account/forgot-password";

    public const string ResetPassword = "/account/reset-password";

    public const string Invitation = "/account/invitation";
}
