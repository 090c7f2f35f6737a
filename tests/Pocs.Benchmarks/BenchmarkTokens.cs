using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>
/// An RSA key that exists only for this run: the host trusts its public half through ordinary
/// configuration (<c>Auth:SigningKeys</c>), and the load driver signs RFC 9068 access tokens with it.
/// </summary>
internal sealed class BenchmarkTokens : IDisposable
{
    public const string Issuer = "urn:poctracker:benchmark";
    public const string Audience = "pocs";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;

    public BenchmarkTokens() => key = new RsaSecurityKey(rsa) { KeyId = "benchmark-1" };

    /// <summary>The public key set, as <c>Auth:SigningKeys</c> expects it.</summary>
    public string Jwks()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = key.KeyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    public string Issue(Guid tenantId, Guid userId, string role)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(3),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(),
                ["tenant_id"] = tenantId.ToString(),
                ["role"] = role,
                ["aud"] = Audience,
                ["client_id"] = "poctracker-benchmark",
                ["jti"] = Guid.NewGuid().ToString(),
            },
        });
    }

    public void Dispose() => rsa.Dispose();
}
