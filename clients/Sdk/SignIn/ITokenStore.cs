namespace PocTracker.Sdk.SignIn;

/// <summary>
/// Where a signed-in person's tokens are kept between calls and between runs of the app. Each platform implements it
/// with its own secure storage (the phone's keychain through MAUI's <c>SecureStorage</c>, the browser's storage for the
/// web app); <see cref="InMemoryTokenStore"/> is for tests and processes that sign in every time they start.
/// </summary>
public interface ITokenStore
{
    /// <summary>The tokens kept, or null when nobody is signed in.</summary>
    ValueTask<TokenSet?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="tokens"/> in place of what was kept.</summary>
    ValueTask WriteAsync(TokenSet tokens, CancellationToken cancellationToken);

    /// <summary>Forgets the tokens (signed out, or the server refused the refresh token).</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken);
}

/// <summary>An <see cref="ITokenStore"/> in the process's memory: the tokens go when the process does.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private TokenSet? tokens;

    public ValueTask<TokenSet?> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref tokens));

    public ValueTask WriteAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Volatile.Write(ref this.tokens, tokens);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref tokens, null);
        return ValueTask.CompletedTask;
    }
}
