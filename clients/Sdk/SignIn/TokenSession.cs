namespace PocTracker.Sdk.SignIn;

/// <summary>
/// A signed-in person's access token, kept fresh: the one place a client asks for the token it sends (pass
/// <see cref="GetAccessTokenAsync"/> to <see cref="AccessTokenHandler"/> and to the dojo connection).
/// <para>
/// Refresh tokens rotate (docs/identity.md, "Tokens"): each is good once, and sending a spent one again, after the
/// server's short reuse leeway, revokes the whole sign-in. So the session refreshes <b>one at a time</b> (callers
/// that find the token stale together wait for the one refresh and share its result), and <b>a lost answer does not
/// log the person out</b>: when no answer came, the server may or may not have spent the token, and the session
/// sends the same token again at once, inside the leeway, where the server accepts it either way. Only a refusal
/// (<c>invalid_grant</c>: expired, revoked, spent long ago) forgets the tokens; a server that cannot be reached
/// leaves them kept, so the next call tries again.
/// </para>
/// </summary>
public sealed class TokenSession(SignInClient signIn, string clientId, ITokenStore store, TimeProvider? time = null) : IDisposable
{
    /// <summary>
    /// How long before its expiry an access token is renewed: a request that leaves with it must still arrive, and be
    /// validated, before it ends (the apps allow 30 s of clock difference besides).
    /// </summary>
    public static readonly TimeSpan RenewAhead = TimeSpan.FromSeconds(60);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly SemaphoreSlim refreshing = new(1, 1);

    /// <summary>
    /// A token good for at least <see cref="RenewAhead"/>, refreshed first if needed; null when nobody is signed in
    /// (never was, signed out, or the server refused the refresh: sign in again). Throws
    /// <see cref="HttpRequestException"/> (or, for a client timeout, <see cref="TaskCanceledException"/>) when a refresh
    /// was needed and the server did not answer twice in a row: the tokens stay kept.
    /// </summary>
    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var tokens = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (tokens is null || IsFresh(tokens))
        {
            return tokens?.AccessToken;
        }

        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate before us may have refreshed already: its tokens are the ones to use.
            tokens = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (tokens is null || IsFresh(tokens))
            {
                return tokens?.AccessToken;
            }

            if (tokens.RefreshToken is null)
            {
                await store.ClearAsync(cancellationToken).ConfigureAwait(false); // expired, and nothing to renew it with
                return null;
            }

            TokenSet renewed;
            try
            {
                renewed = await RefreshEvenIfAnAnswerIsLostAsync(tokens.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (SignInException)
            {
                await store.ClearAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            // The server may send no new refresh token when it does not rotate; the kept one then stays good.
            renewed = renewed with { RefreshToken = renewed.RefreshToken ?? tokens.RefreshToken };
            await store.WriteAsync(renewed, cancellationToken).ConfigureAwait(false);
            return renewed.AccessToken;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Keeps the tokens a sign-in gave (<see cref="SignInClient.ExchangeCodeAsync"/>).</summary>
    public ValueTask SignedInAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return store.WriteAsync(tokens, cancellationToken);
    }

    /// <summary>
    /// Signs out on this device: revokes the refresh token at the server (RFC 7009), so a copy of it left anywhere is
    /// worthless, then forgets the tokens. The revocation is best effort: when the server does not answer or refuses,
    /// the tokens are forgotten all the same (the refresh token then dies at its expiry, 14 days from the sign-in).
    /// Returns the sign-in's ID token, if one was kept, for <see cref="SignInClient.EndSessionUrl"/>'s hint (the
    /// identity app's own login session, a browser cookie, ends there, not here).
    /// </summary>
    public async Task<string?> SignOutAsync(CancellationToken cancellationToken = default)
    {
        // Behind the refresh gate: a refresh in flight must not store new tokens after they were forgotten.
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tokens = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (tokens?.RefreshToken is { } refreshToken)
            {
                try
                {
                    await signIn.RevokeAsync(clientId, refreshToken, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or SignInException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Best effort: signing out on this device must not depend on reaching the server.
                }
            }

            await store.ClearAsync(cancellationToken).ConfigureAwait(false);
            return tokens?.IdentityToken;
        }
        finally
        {
            refreshing.Release();
        }
    }

    public void Dispose() => refreshing.Dispose();

    private bool IsFresh(TokenSet tokens) => clock.GetUtcNow() + RenewAhead < tokens.ExpiresAt;

    private async Task<TokenSet> RefreshEvenIfAnAnswerIsLostAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            return await signIn.RefreshAsync(clientId, refreshToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer: spent or not, the same token is accepted again within the server's reuse leeway (2 s), so
            // ask again now rather than after a back-off that would outlast it. A second silence is the caller's.
            return await signIn.RefreshAsync(clientId, refreshToken, cancellationToken).ConfigureAwait(false);
        }
    }
}
