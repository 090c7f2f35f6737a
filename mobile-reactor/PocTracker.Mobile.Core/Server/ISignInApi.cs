using PocTracker.Contracts.Apps;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile.Core.Server;

/// <summary>
/// Shows the server's sign-in page in the system browser and returns the address the server sent it back to (the
/// custom-scheme callback). The MAUI side implements it with <c>WebAuthenticator</c>; a test, with an HttpClient that
/// fills the login form. The person closing the browser is an <see cref="OperationCanceledException"/> (or
/// <see cref="TaskCanceledException"/>), which the sign-in page treats as "cancelled", not as an error.
/// </summary>
public interface IWebAuthenticator
{
    Task<Uri> AuthenticateAsync(Uri authorizeUrl, Uri callbackUri, CancellationToken cancellationToken);
}

/// <summary>The sign-in the app does: the code flow with PKCE for the public client <c>poctracker-mobile</c>, and the signed-in session.</summary>
public interface ISignInApi
{
    /// <summary>A new authorization request (its state and verifier stay in it) to show in the browser.</summary>
    AuthorizationRequest NewRequest();

    /// <summary>Exchanges the callback's code for tokens and stores them (the SDK's <see cref="TokenSession"/>).</summary>
    Task CompleteAsync(AuthorizationRequest request, Uri callback, CancellationToken cancellationToken);

    /// <summary>Whether tokens are stored (a refresh may still be refused later).</summary>
    Task<bool> HasTokensAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the refresh token (best effort) and forgets the tokens on this device.</summary>
    Task SignOutAsync(CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="ISignInApi"/> over the SDK: <see cref="AuthorizationRequest"/>, <see cref="SignInClient"/> and
/// <see cref="TokenSession"/>, with the mobile client's registration (apps/Identity/IdentitySettings.cs).
/// </summary>
public sealed class SignInApi(Uri serverAddress, SignInClient client, TokenSession session, ITokenStore store) : ISignInApi
{
    public const string ClientId = "poctracker-mobile";

    public static readonly Uri CallbackUri = new("br.dev.poctracker://callback");

    /// <summary>The scopes asked for: who the person is, a refresh token, and every API the app calls.</summary>
    public static readonly IReadOnlyList<string> Scopes =
        ["openid", "profile", "email", "offline_access", AppIds.Identity, AppIds.Pocs, AppIds.Reports, AppIds.Video, AppIds.Dojo];

    public AuthorizationRequest NewRequest() => AuthorizationRequest.Create(serverAddress, ClientId, CallbackUri, Scopes);

    public async Task CompleteAsync(AuthorizationRequest request, Uri callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.ReadCode(callback);
        var tokens = await client.ExchangeCodeAsync(request, code, cancellationToken).ConfigureAwait(false);
        await session.SignedInAsync(tokens, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> HasTokensAsync(CancellationToken cancellationToken) =>
        await store.ReadAsync(cancellationToken).ConfigureAwait(false) is not null;

    public Task SignOutAsync(CancellationToken cancellationToken) => session.SignOutAsync(cancellationToken);
}
