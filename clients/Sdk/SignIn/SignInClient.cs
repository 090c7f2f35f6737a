using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Sdk.SignIn;

/// <summary>
/// The identity app's token endpoint (<c>/connect/token</c>) for a public client: the code of an
/// <see cref="AuthorizationRequest"/> for tokens. <paramref name="http"/> carries the server's base address and no
/// token (the code and the PKCE verifier are the proof).
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
            ["redirect_uri"] = request.RedirectUri.AbsoluteUri,
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

    private async Task<TokenSet> RequestTokensAsync(FormUrlEncodedContent form, CancellationToken cancellationToken)
    {
        var asked = clock.GetUtcNow();
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        TokenEndpointAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync(SdkJson.Default.TokenEndpointAnswer, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            answer = null; // not the token endpoint's JSON (a proxy's page): the status says what happened
        }

        if (!response.IsSuccessStatusCode || answer?.AccessToken is null)
        {
            throw new SignInException(answer?.Error ?? "server_error", answer?.ErrorDescription ?? $"The token endpoint answered {(int)response.StatusCode}.");
        }

        // Counted from when we asked: the token may have been issued a moment before the answer arrived.
        return new TokenSet(answer.AccessToken, answer.RefreshToken, asked.AddSeconds(answer.ExpiresIn ?? 0), answer.IdentityToken, answer.Scope);
    }
}
