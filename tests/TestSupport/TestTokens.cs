using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.TestSupport;

/// <summary>
/// Mints access tokens for tests with a key that exists only in the test run. The app under test
/// trusts it through ordinary configuration (<c>Auth:SigningKeys</c>), the path production uses
/// for a key set from a secret store: there is no test-only code in the apps.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test.poctracker";

    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly RsaSecurityKey Key = new(Rsa) { KeyId = "test-key-1" };

    /// <summary>The public key set to configure as <c>Auth:SigningKeys</c>.</summary>
    public static string Jwks { get; } = BuildJwks();

    /// <summary>The public key's PEM bytes (what an attacker would use as an HMAC secret).</summary>
    public static byte[] PublicKeyPem { get; } = Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());

    public static string For(TestUser user, string audience = "pocs", string tokenType = "at+jwt", string issuer = Issuer,
        TimeSpan? lifetime = null, bool includeTenant = true, SigningCredentials? credentials = null, string[]? audiences = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.UserId.ToString(),
            ["role"] = user.Role,
            // One audience as a string, several as an array (what the identity app issues for several API scopes).
            ["aud"] = audiences is null ? audience : audiences,
            ["client_id"] = "tests",
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (includeTenant)
        {
            claims["tenant_id"] = user.TenantId.ToString();
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = tokenType,
            Issuer = issuer,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = credentials ?? new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public static string WithoutSignature(TestUser user)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part(new { alg = "none", typ = "at+jwt" }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = "pocs", ["sub"] = user.UserId.ToString(), ["tenant_id"] = user.TenantId.ToString(),
            ["role"] = user.Role, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
        }) + ".";
    }

    private static string BuildJwks()
    {
        var parameters = Rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }
}

/// <summary>Someone in a tenant, with a role (owner, admin or member).</summary>
public sealed record TestUser(Guid TenantId, Guid UserId, string Role)
{
    public static TestUser NewTenantOwner() => new(Guid.NewGuid(), Guid.NewGuid(), "owner");

    public TestUser Colleague(string role = "member") => new(TenantId, Guid.NewGuid(), role);
}
