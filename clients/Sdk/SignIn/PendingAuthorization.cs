namespace PocTracker.Sdk.SignIn;

/// <summary>
/// What a sign-in attempt must keep while the browser is away at the login page, when the app itself does not outlive
/// the redirect (a web app's page is reloaded by the callback): <see cref="AuthorizationRequest.ToPending"/> and
/// <see cref="AuthorizationRequest.Resume"/>. It holds the PKCE code verifier, so keep it only where this attempt's
/// own page can read it (the tab's session storage) and forget it once the callback is read.
/// </summary>
/// <param name="Url">Where the browser was sent.</param>
/// <param name="RedirectUri">Where the server sends the browser back.</param>
/// <param name="ClientId">The client the attempt signs in to.</param>
/// <param name="State">The state the callback must carry back.</param>
/// <param name="CodeVerifier">The PKCE secret.</param>
public sealed record PendingAuthorization(Uri Url, Uri RedirectUri, string ClientId, string State, string CodeVerifier);
