using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Sdk.SignIn;

/// <summary>
/// The identity app's OAuth endpoints for a public client: the token endpoint (<c>/connect/token</c>: the code of an
/// <see cref="AuthorizationRequest"/> for tokens, a refresh), revocation (<c>/connect/revoke</c>, RFC 7009) and the
/// address of the end-session page (<c>/connect/logout</c>). <paramref name="http"/> carries the server's base address
/// and no token (the code and the PKCE verifier, or the token itself, are the proof).
/// </summary>
public sealed class SignInClient(HttpClient http, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>
    /// Exchanges the code <see cref="AuthorizationRequest.ReadCode"/> returned, with the attempt's code verifier.
    /// Throws <see cref="SignInException"/> when the server refuses (a used or expired code is <c>invalid_grant</c>),
    /// <see cref="HttpRequestException"/> when no answer came.
    /// </summary>
    public async Task<TokenSet> ExchangeCodeAsync(AuthorizationRequest request, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(code);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = request.ClientId,
            ["code"] = code,
            ["redirect_uri"] = AuthorizationRequest.AsRegistered(request.RedirectUri),
            ["code_verifier"] = request.CodeVerifier,
        });
        return await RequestTokensAsync(form, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// New tokens for a refresh token (<c>grant_type=refresh_token</c>). The refresh token rotates: the answer carries
    /// the next one and the one sent is spent. Throws <see cref="SignInException"/> when the server refuses (a spent,
    /// expired or revoked token is <c>invalid_grant</c>: the person must sign in again), <see cref="HttpRequestException"/>
    /// when no answer came. <see cref="TokenSession"/> is what decides when to call this and what to do then.
    /// </summary>
    public async Task<TokenSet> RefreshAsync(string clientId, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        });
        return await RequestTokensAsync(form, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes a token this client holds (RFC 7009, <c>POST /connect/revoke</c>): a refresh token revoked can never be
    /// redeemed again. The server answers 200 for a token it does not know or that is already spent (§2.2), so this
    /// throws only when it refuses the request (<see cref="SignInException"/>: an unknown client, too many requests) or
    /// does not answer (<see cref="HttpRequestException"/>). Access tokens are self-contained JWTs and live out their
    /// minutes; revoke the refresh token.
    /// </summary>
    /// <param name="clientId">The client the token was issued to.</param>
    /// <param name="token">The token.</param>
    /// <param name="tokenTypeHint"><c>refresh_token</c> (the default) or <c>access_token</c>: where the server looks first.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task RevokeAsync(string clientId, string token, string tokenTypeHint = "refresh_token", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(tokenTypeHint);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["token"] = token,
            ["token_type_hint"] = tokenTypeHint,
        });
        using var response = await http.PostAsync(new Uri("connect/revoke", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var answer = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
        throw new SignInException(answer?.Error ?? "server_error", answer?.ErrorDescription ?? $"The revocation endpoint answered {(int)response.StatusCode}.");
    }

    /// <summary>
    /// Where to send the browser to end the person's session at the identity app (OpenID Connect RP-initiated logout,
    /// <c>/connect/logout</c>): while a session is open the identity app asks the person to confirm, then sends the
    /// browser to <paramref name="postLogoutRedirectUri"/> (registered for the client) with <paramref name="state"/>.
    /// Forget and revoke the tokens first (<see cref="TokenSession.SignOutAsync"/>, which returns the ID token to pass here).
    /// </summary>
    /// <param name="serverAddress">The server's public origin.</param>
    /// <param name="clientId">The client, e.g. <c>poctracker-web</c>.</param>
    /// <param name="postLogoutRedirectUri">A post-logout redirect URI registered for the client (the web app's origin <c>/</c>).</param>
    /// <param name="state">Comes back unchanged on the redirect; optional.</param>
    /// <param name="idTokenHint">The ID token of the sign-in (<see cref="TokenSet.IdentityToken"/>), naming whose session ends; optional.</param>
    public static Uri EndSessionUrl(Uri serverAddress, string clientId, Uri postLogoutRedirectUri, string? state = null, string? idTokenHint = null)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(postLogoutRedirectUri);
        var parameters = new List<(string Key, string Value)>
        {
            ("client_id", clientId),
            ("post_logout_redirect_uri", postLogoutRedirectUri.AbsoluteUri),
        };
        if (state is not null)
        {
            parameters.Add(("state", state));
        }

        if (idTokenHint is not null)
        {
            parameters.Add(("id_token_hint", idTokenHint));
        }

        return new Uri(serverAddress, "connect/logout?" + string.Join('&', parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));
    }

    private static async Task<TokenEndpointAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(SdkJson.Default.TokenEndpointAnswer, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null; // not the endpoint's JSON (a proxy's page): the status says what happened
        }
    }

    private async Task<TokenSet> RequestTokensAsync(FormUrlEncodedContent form, CancellationToken cancellationToken)
    {
        var asked = clock.GetUtcNow();
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        var answer = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode || answer?.AccessToken is null)
        {
            throw new SignInException(answer?.Error ?? "server_error", answer?.ErrorDescription ?? $"The token endpoint answered {(int)response.StatusCode}.");
        }

        // Counted from when we asked: the token may have been issued a moment before the answer arrived.
        return new TokenSet(answer.AccessToken, answer.RefreshToken, asked.AddSeconds(answer.ExpiresIn ?? 0), answer.IdentityToken, answer.Scope);
    }
}
