using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Only RFC 9068 access tokens from the trusted issuer, for this app, signed with an allowed algorithm, get in.</summary>
public sealed class AccessTokenTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private static readonly TestUser User = TestUser.NewTenantOwner();

    public static TheoryData<string, string?> RefusedTokens => new()
    {
        { "no token", null },
        { "garbage", "not.a.jwt" },
        { "alg none", TestTokens.WithoutSignature(User) },
        { "HMAC keyed with the public key", TestTokens.For(User, credentials: new SigningCredentials(new SymmetricSecurityKey(TestTokens.PublicKeyPem), SecurityAlgorithms.HmacSha256)) },
        { "HMAC with another secret", TestTokens.For(User, credentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))), SecurityAlgorithms.HmacSha256)) },
        { "unknown kid", TestTokens.For(User, credentials: new SigningCredentials(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "no-such-key" }, SecurityAlgorithms.RsaSha256)) },
        { "unknown RSA key", TestTokens.For(User, credentials: new SigningCredentials(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "test-key-1" }, SecurityAlgorithms.RsaSha256)) },
        { "ID token type", TestTokens.For(User, tokenType: "JWT") },
        { "other issuer", TestTokens.For(User, issuer: "https://evil.example") },
        { "other audience", TestTokens.For(User, audience: "reports") },
        { "expired", TestTokens.For(User, lifetime: TimeSpan.FromMinutes(-5)) },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Refused_tokens_get_a_401_problem(string label, string? token)
    {
        using var response = await api.ClientWithToken(token).GetAsync("/api/pocs");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{label}: {response.StatusCode}");
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_valid_token_without_a_tenant_is_403()
    {
        using var response = await api.ClientWithToken(TestTokens.For(User, includeTenant: false)).GetAsync("/api/pocs");

        await response.ReadProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_valid_access_token_gets_in()
    {
        using var response = await api.ClientFor(User).GetAsync("/api/pocs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
