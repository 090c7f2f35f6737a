using System.Security.Cryptography;
using System.Text;

namespace PocTracker.Sdk.SignIn;

/// <summary>
/// One sign-in attempt of a public client (a CLI, a desktop or mobile app) with the authorization code flow and PKCE
/// (RFC 7636, S256 only: the identity app refuses <c>plain</c>): the URL to open in the browser, the <see cref="State"/>
/// that ties the callback to this attempt, and the code verifier that only this attempt knows. The password never passes
/// through the client: the person types it into the identity app's login page. After the browser comes back to the
/// redirect URI, <see cref="ReadCode"/> takes the code from it and <see cref="SignInClient.ExchangeCodeAsync"/> turns
/// it into tokens. A native tool listens on a loopback redirect (<c>http://127.0.0.1:{any port}/callback</c>, RFC 8252 §7.3).
/// </summary>
public sealed class AuthorizationRequest
{
    private AuthorizationRequest(Uri url, Uri redirectUri, string clientId, string state, string codeVerifier)
    {
        Url = url;
        RedirectUri = redirectUri;
        ClientId = clientId;
        State = state;
        CodeVerifier = codeVerifier;
    }

    /// <summary>Where to send the browser: the server's <c>/connect/authorize</c> with this attempt's parameters.</summary>
    public Uri Url { get; }

    /// <summary>Where the server sends the browser back; the token request names it again.</summary>
    public Uri RedirectUri { get; }

    /// <summary>The client this attempt signs in to (e.g. <c>poctracker-cli</c>).</summary>
    public string ClientId { get; }

    /// <summary>A random value the callback must carry back unchanged (so a callback forged by another site is refused).</summary>
    public string State { get; }

    /// <summary>The PKCE secret: only its SHA-256 went out in <see cref="Url"/>; the token request proves the code is ours with it.</summary>
    internal string CodeVerifier { get; }

    /// <summary>A new attempt with a fresh state and code verifier.</summary>
    /// <param name="serverAddress">The server's public origin (Standalone, or the gateway of the distributed topology).</param>
    /// <param name="clientId">The registered public client, e.g. <c>poctracker-cli</c>.</param>
    /// <param name="redirectUri">A redirect URI registered for the client (a loopback one may add any port).</param>
    /// <param name="scopes">The scopes asked for: <c>openid</c>, <c>offline_access</c> for a refresh token, and each API's (<c>pocs</c>, <c>reports</c>, …).</param>
    public static AuthorizationRequest Create(Uri serverAddress, string clientId, Uri redirectUri, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(scopes);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = string.Join('&', new (string Key, string Value)[]
        {
            ("client_id", clientId),
            ("response_type", "code"),
            ("scope", string.Join(' ', scopes)),
            ("redirect_uri", AsRegistered(redirectUri)),
            ("code_challenge", CodeChallengeOf(verifier)),
            ("code_challenge_method", "S256"),
            ("state", state),
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        return new AuthorizationRequest(new Uri(serverAddress, "connect/authorize?" + query), redirectUri, clientId, state, verifier);
    }

    /// <summary>This attempt as it must be kept across a reload of the page that started it (see <see cref="PendingAuthorization"/>).</summary>
    public PendingAuthorization ToPending() => new(Url, RedirectUri, ClientId, State, CodeVerifier);

    /// <summary>The attempt <see cref="ToPending"/> kept, to read its callback and exchange its code.</summary>
    public static AuthorizationRequest Resume(PendingAuthorization pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentException.ThrowIfNullOrEmpty(pending.State);
        ArgumentException.ThrowIfNullOrEmpty(pending.CodeVerifier);
        return new AuthorizationRequest(pending.Url, pending.RedirectUri, pending.ClientId, pending.State, pending.CodeVerifier);
    }

    /// <summary>
    /// The authorization code from the redirect the browser came back with. Throws <see cref="SignInException"/> when
    /// the server answered with an error (the person refused, the request was wrong), when the state is not this
    /// attempt's, or when there is no code.
    /// </summary>
    public string ReadCode(Uri callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var parameters = QueryOf(callback);
        if (!string.Equals(parameters.GetValueOrDefault("state"), State, StringComparison.Ordinal))
        {
            throw new SignInException("invalid_state", "The callback does not belong to this sign-in (its state differs): ignore it and start again.");
        }

        if (parameters.TryGetValue("error", out var error))
        {
            throw new SignInException(error, parameters.GetValueOrDefault("error_description"));
        }

        return parameters.TryGetValue("code", out var code) && code.Length > 0
            ? code
            : throw new SignInException("invalid_request", "The callback carries no authorization code.");
    }

    /// <summary>
    /// A redirect URI as it was registered, character for character: the server compares the two as strings (RFC 6749
    /// §3.1.2.3 and OAuth 2.1), and <see cref="Uri.AbsoluteUri"/> would add a <c>/</c> to a custom-scheme URI with no
    /// path (<c>br.dev.poctracker://callback</c> becomes <c>…://callback/</c>), which the server then refuses.
    /// </summary>
    internal static string AsRegistered(Uri redirectUri) => redirectUri.IsAbsoluteUri ? redirectUri.OriginalString : redirectUri.ToString();

    /// <summary>S256: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2.</summary>
    internal static string CodeChallengeOf(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static Dictionary<string, string> QueryOf(Uri uri)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            parameters.TryAdd(key, value);
        }

        return parameters;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
