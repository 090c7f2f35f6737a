using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PocTracker.ServiceDefaults.Auth;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>
/// As in Standalone, one process accepts tokens for two apps; each endpoint still wants its own audience.
/// A token for the other app is an invalid token (401, RFC 6750 invalid_token), not a forbidden request.
/// </summary>
public sealed class AccessTokenAudienceTests : IAsyncLifetime
{
    private const string Issuer = "https://identity.test";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "k1" };
    private KestrelTestApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await KestrelTestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Auth:Issuer"] = Issuer,
                    ["Auth:Audiences:0"] = "pocs",
                    ["Auth:Audiences:1"] = "reports",
                    ["Auth:SigningKeys"] = Jwks(),
                });
                builder.Services.AddJwtAuthentication(builder.Configuration);
            },
            web =>
            {
                web.UseAuthentication();
                web.UseAuthorization();
                web.MapGet("/pocs", () => "pocs").RequireTenantUser("pocs");
            });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpResponseMessage> GetPocsAsync(string token)
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/pocs", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_token_for_another_app_is_a_401_invalid_token()
    {
        using var response = await GetPocsAsync(Token(["reports"]));

        await response.ReadProblemAsync(401, "unauthorized");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_naming_this_app_among_others_gets_in()
    {
        using var response = await GetPocsAsync(Token(["reports", "pocs"]));

        Assert.Equal("pocs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_valid_token_for_this_app_without_a_tenant_is_still_a_403()
    {
        using var response = await GetPocsAsync(Token(["pocs"], tenant: false));

        await response.ReadProblemAsync(403, "forbidden");
    }

    private static string Token(string[] audiences, bool tenant = true)
    {
        var claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["aud"] = audiences };
        if (tenant)
        {
            claims["tenant_id"] = Guid.NewGuid().ToString();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = JwtValidationOptions.AccessTokenType,
            Issuer = Issuer,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Jwks()
    {
        var parameters = Key.Rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", kid = Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        });
    }
}
