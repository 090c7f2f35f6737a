using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.Identity.FunctionalTests;

public sealed class CodeFlowTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public async Task Code_flow_with_pkce_issues_an_rfc9068_access_token_for_the_tenant_user()
    {
        var owner = await identity.SignUpAsync(Password);
        var browser = identity.Browser();
        var (verifier, challenge) = OAuthFlow.NewPkce();

        var code = await OAuthFlow.LoginForCodeAsync(browser, challenge, owner.Slug, owner.Email, Password);
        using var exchanged = await OAuthFlow.RedeemCodeAsync(identity.Browser(), code, verifier);
        var tokens = await OAuthFlow.ReadTokensAsync(exchanged);

        Assert.InRange(tokens.ExpiresIn, 590, 600);
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(IdentityFixture.Issuer.ToString(), jwt.Issuer);
        Assert.Equal(["pocs"], jwt.Audiences);
        Assert.Equal(owner.AccountId.ToString(), jwt.Subject);
        Assert.Equal(owner.TenantId.ToString(), jwt.GetClaim("tenant_id").Value);
        Assert.Equal("Acme Labs", jwt.GetClaim("tenant_name").Value); // what apps show, e.g. on a report's cover
        Assert.Equal("owner", jwt.GetClaim("role").Value);
        Assert.Equal(OAuthFlow.CliClient, jwt.GetClaim("client_id").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(TimeSpan.FromMinutes(10), jwt.ValidTo - jwt.IssuedAt);

        // The signature verifies against the published key set.
        var jwks = new JsonWebKeySet(await identity.CreateClient().GetStringAsync("/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = IdentityFixture.Issuer.ToString(), ValidAudience = "pocs", IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"], ValidAlgorithms = ["RS256"],
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public async Task An_authorization_code_is_single_use_and_needs_the_right_verifier()
    {
        var owner = await identity.SignUpAsync(Password);
        var (_, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password);

        using var wrongVerifier = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), code, OAuthFlow.NewPkce().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);

        var (secondVerifier, secondChallenge) = OAuthFlow.NewPkce();
        var secondCode = await OAuthFlow.LoginForCodeAsync(identity.Browser(), secondChallenge, owner.Slug, owner.Email, Password);
        using var first = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), secondCode, secondVerifier);
        using var replay = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), secondCode, secondVerifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("none")]
    public async Task Plain_pkce_and_missing_pkce_are_refused(string variant)
    {
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var url = variant == "plain"
            ? OAuthFlow.AuthorizeUrl(verifier, method: "plain")
            : OAuthFlow.AuthorizeUrl(challenge).Replace("&code_challenge=" + Uri.EscapeDataString(challenge), "", StringComparison.Ordinal)
                .Replace("&code_challenge_method=S256", "", StringComparison.Ordinal);

        using var response = await identity.Browser().GetAsync(url);

        // Either a 400, or the error sent back to the client's redirect URI; never a login page or a code.
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || (location.StartsWith(OAuthFlow.CliRedirect, StringComparison.Ordinal) && location.Contains("error=invalid_request", StringComparison.Ordinal)),
            $"{response.StatusCode} {location}");
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_reusing_a_redeemed_one_revokes_the_whole_family()
    {
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password);
        var client = identity.CreateClient();
        var first = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(client, code, verifier));

        var second = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RefreshAsync(client, first.RefreshToken!));
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        using var reuse = await OAuthFlow.RefreshAsync(client, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await reuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // The thief's reuse revoked the family: the legitimate holder's newer token is dead too.
        using var afterReuse = await OAuthFlow.RefreshAsync(client, second.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, afterReuse.StatusCode);
        Assert.Equal("invalid_grant", (await afterReuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // The tenant's admins see the reuse (once: the revoked family's token is refused as revoked, not as reused).
        var reuses = (await identity.AuditLogAsync(await identity.AccessTokenAsync(owner, Password, "openid identity")))
            .Where(e => e.GetProperty("kind").GetString() == "refresh-token-reuse").ToArray();
        var reused = Assert.Single(reuses);
        Assert.Equal(owner.AccountId, reused.GetProperty("accountId").GetGuid());
        Assert.Equal("failure", reused.GetProperty("outcome").GetString());
        Assert.Equal(IdentityFixture.DefaultRemoteAddress, reused.GetProperty("ipAddress").GetString());
        Assert.Contains("client poctracker-cli", reused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first.RefreshToken!, reused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused_and_the_discovery_document_names_the_revocation_endpoint()
    {
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password);
        var client = identity.CreateClient();
        var tokens = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(client, code, verifier));

        // RFC 7009: a public client names itself and the token; the answer is 200 with nothing to read.
        using var revoked = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = OAuthFlow.CliClient, ["token"] = tokens.RefreshToken!, ["token_type_hint"] = "refresh_token",
        }));
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, $"{(int)revoked.StatusCode} {await revoked.Content.ReadAsStringAsync()}");

        using var refresh = await OAuthFlow.RefreshAsync(client, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(new Uri(IdentityFixture.Issuer, "connect/revoke").ToString(), discovery.GetProperty("revocation_endpoint").GetString());
    }

    [Fact]
    public async Task Revoking_another_clients_token_revokes_nothing()
    {
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password);
        var client = identity.CreateClient();
        var tokens = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(client, code, verifier));

        // The token was issued to poctracker-cli: another public client cannot end that sign-in. The answer is 200 all
        // the same (as for a token the server does not know): it tells the caller nothing about someone else's token.
        using var revoked = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "poctracker-web", ["token"] = tokens.RefreshToken!,
        }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        using var refresh = await OAuthFlow.RefreshAsync(client, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_unknown_email_and_unknown_tenant_get_the_same_answer()
    {
        var owner = await identity.SignUpAsync(Password);
        var pages = new List<string>();
        foreach (var (tenant, email, password) in new[]
                 {
                     (owner.Slug, owner.Email, "wrong password, long enough"),
                     (owner.Slug, "nobody@example.com", Password),
                     ("no-such-tenant", owner.Email, Password),
                 })
        {
            using var response = await identity.AttemptLoginAsync(tenant, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            pages.Add(System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]*\"", "value=\"\""));
        }

        Assert.Contains("role=\"alert\"", pages[0], StringComparison.Ordinal);
        Assert.Single(pages.Distinct());
    }
}
