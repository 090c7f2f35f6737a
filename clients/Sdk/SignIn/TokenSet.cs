using System.Text.Json.Serialization;

namespace PocTracker.Sdk.SignIn;

/// <summary>What a sign-in gives the client.</summary>
/// <param name="AccessToken">The bearer token for the APIs (a short-lived JWT whose audiences are the scopes' APIs).</param>
/// <param name="RefreshToken">For new access tokens without the person (with <c>offline_access</c>); it rotates at each use.</param>
/// <param name="ExpiresAt">When the access token stops working (by the client's clock).</param>
/// <param name="IdentityToken">The OpenID Connect ID token (with <c>openid</c>).</param>
/// <param name="Scope">The scopes granted, space-separated.</param>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? IdentityToken, string? Scope);

/// <summary>The token endpoint's JSON (RFC 6749 §5.1) and its errors (§5.2).</summary>
internal sealed record TokenEndpointAnswer
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdentityToken { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
