namespace PocTracker.ServiceDefaults.Auth;

/// <summary>
/// How an app validates access tokens (configuration section <c>Auth</c>). Keys come either from
/// the identity app's OpenID Connect metadata (<see cref="Authority"/>) or from a JSON Web Key Set
/// given in configuration (<see cref="SigningKeys"/>), e.g. from a Kubernetes secret.
/// </summary>
public sealed class JwtValidationOptions
{
    public const string SectionName = "Auth";

    /// <summary>RFC 9068 access tokens only (<c>typ</c>): an ID token or any other JWT is refused.</summary>
    public const string AccessTokenType = "at+jwt";

    /// <summary>The only issuer accepted (<c>iss</c>).</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Audiences accepted (<c>aud</c>); each app also checks its own on its endpoints.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Base URL of the identity app; its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set (public keys) used instead of discovery.</summary>
    public string? SigningKeys { get; set; }

    /// <summary>False only for a plain-http identity app on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference between issuer and app.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
