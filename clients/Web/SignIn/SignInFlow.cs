using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PocTracker.Sdk.SignIn;
using PocTracker.Web.Shell;

namespace PocTracker.Web.SignIn;

/// <summary>
/// Sign-in and sign-out of the web app with the SDK's code flow (client <c>poctracker-web</c>, PKCE S256): the identity
/// app's login page takes the password, never the app. The attempt (state, PKCE verifier, the page to return to) waits
/// in the tab's sessionStorage while the browser is at the login page, and is used once.
/// </summary>
public sealed class SignInFlow(WebOrigin origin, BrowserStorage storage, SignInClient signIn, TokenSession session, NavigationManager navigation)
{
    public const string ClientId = "poctracker-web";

    /// <summary>The redirect URI registered for the web client (identity's <c>Identity:WebRedirectUris</c>).</summary>
    public const string CallbackPath = "authentication/login-callback";

    /// <summary>Every API the app calls, and a refresh token.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "email", "offline_access", "identity", "pocs", "reports", "video", "dojo"];

    private const string PendingKey = "poctracker.sign-in";

    /// <summary>Sends the browser to the login page; it comes back to the callback, then to <paramref name="returnPath"/>.</summary>
    public async Task StartAsync(string returnPath)
    {
        var request = AuthorizationRequest.Create(origin.Address, ClientId, new Uri(origin.Address, CallbackPath), Scopes);
        var pending = new PendingSignIn(request.ToPending(), LocalPathOrHome(returnPath));
        await storage.SetAsync(BrowserStorage.Session, PendingKey, JsonSerializer.Serialize(pending, WebJson.Default.PendingSignIn));
        navigation.NavigateTo(request.Url.AbsoluteUri, forceLoad: true);
    }

    /// <summary>
    /// Reads the callback the login page sent the browser back with, exchanges its code and keeps the tokens; returns
    /// the page to go back to. Throws <see cref="SignInException"/> when no sign-in was started in this tab, the
    /// state is not this attempt's, or the server refused.
    /// </summary>
    public async Task<string> CompleteAsync(Uri callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var json = await storage.GetAsync(BrowserStorage.Session, PendingKey)
            ?? throw new SignInException("invalid_state", "No sign-in was started in this tab: start again.");
        await storage.RemoveAsync(BrowserStorage.Session, PendingKey); // an attempt is good for one callback
        var pending = JsonSerializer.Deserialize(json, WebJson.Default.PendingSignIn)
            ?? throw new SignInException("invalid_state", "The sign-in kept in this tab is unreadable: start again.");
        var request = AuthorizationRequest.Resume(pending.Authorization);
        var code = request.ReadCode(callback);
        var tokens = await signIn.ExchangeCodeAsync(request, code, cancellationToken);
        await session.SignedInAsync(tokens, cancellationToken);
        return LocalPathOrHome(pending.ReturnPath);
    }

    /// <summary>
    /// Forgets the tokens on this device, then ends the login session at identity (<c>/connect/logout</c>, which asks
    /// the person to confirm), which sends the browser back to the app's origin.
    /// </summary>
    public async Task SignOutAsync()
    {
        await session.SignOutAsync();
        var query = $"client_id={Uri.EscapeDataString(ClientId)}&post_logout_redirect_uri={Uri.EscapeDataString(origin.Address.AbsoluteUri)}";
        navigation.NavigateTo(new Uri(origin.Address, "connect/logout?" + query).AbsoluteUri, forceLoad: true);
    }

    /// <summary>Only a path of this app is returned to (an open redirect otherwise).</summary>
    private static string LocalPathOrHome(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) ? path : "/";
}
