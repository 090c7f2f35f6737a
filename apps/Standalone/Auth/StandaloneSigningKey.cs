using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PocTracker.ServiceDefaults.Auth;

namespace PocTracker.Standalone.Auth;

/// <summary>
/// Until the identity app is hosted here, Standalone is its own token issuer for the demo: it
/// keeps an RSA key in its data folder (readable by its user only), trusts that key's public half
/// like any configured JWKS, and signs demo access tokens with it. When <c>Auth:Authority</c> or
/// <c>Auth:SigningKeys</c> is configured, none of this is used.
/// </summary>
internal sealed class StandaloneSigningKey
{
    public const string Issuer = "urn:poctracker:standalone";

    private readonly RsaSecurityKey key;

    private StandaloneSigningKey(RsaSecurityKey key) => this.key = key;

    /// <summary>Configures validation with this key when no other key source is configured; returns the key, or null.</summary>
    public static StandaloneSigningKey? ConfigureUnlessConfigured(WebApplicationBuilder builder, string dataDirectory, IEnumerable<string> audiences)
    {
        var auth = builder.Configuration.GetSection(JwtValidationOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(auth["Authority"]) || !string.IsNullOrWhiteSpace(auth["SigningKeys"]))
        {
            return null;
        }

        var signingKey = LoadOrCreate(Path.Combine(dataDirectory, "standalone-signing-key.pem"));
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:SigningKeys"] = signingKey.PublicJwks(),
        };
        var index = 0;
        foreach (var audience in audiences)
        {
            settings[$"Auth:Audiences:{index++}"] = audience;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return signingKey;
    }

    /// <summary>A signed RFC 9068 access token for a demo user.</summary>
    public string IssueAccessToken(Guid tenantId, Guid userId, string name, string role, IEnumerable<string> audiences, TimeSpan lifetime, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = JwtValidationOptions.AccessTokenType,
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [TenantClaims.Subject] = userId.ToString(),
                [TenantClaims.TenantId] = tenantId.ToString(),
                [TenantClaims.Name] = name,
                [TenantClaims.Role] = role,
                ["aud"] = audiences.ToArray(),
                ["client_id"] = "poctracker-standalone-demo",
                ["jti"] = Guid.NewGuid().ToString(),
            },
        });
    }

    private string PublicJwks()
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
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

    private static StandaloneSigningKey LoadOrCreate(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new StandaloneSigningKey(new RsaSecurityKey(rsa) { KeyId = keyId });
    }
}
