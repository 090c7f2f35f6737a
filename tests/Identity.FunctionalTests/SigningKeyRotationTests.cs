using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PocTracker.Identity.SigningKeys;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>Keys survive restarts and rotate without breaking tokens already issued.</summary>
public sealed class SigningKeyRotationTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public async Task After_rotation_and_a_restart_the_new_key_signs_and_the_old_keys_tokens_still_validate()
    {
        var owner = await identity.SignUpAsync(Password);
        var before = await identity.AccessTokenAsync(owner, Password, "openid identity");
        var oldKid = new JsonWebToken(before).Kid;
        // The class's other test rotates too, in either order: what counts is what this rotation adds to the keys a
        // replica started now publishes (the fixture's own host may still hold the set it loaded at its start).
        string[] publishedBefore;
        await using (var startedNow = identity.WithWebHostBuilder(_ => { }))
        {
            publishedBefore = await PublishedSigningKeysAsync(startedNow.CreateClient());
        }

        await SigningKeysConfiguration.RotateAsync(identity.Services, TimeProvider.System, CancellationToken.None);

        // A restarted replica: a new host over the same database.
        await using var restarted = identity.WithWebHostBuilder(_ => { });
        var jwks = new JsonWebKeySet(await restarted.CreateClient().GetStringAsync("/.well-known/jwks"));
        var published = jwks.Keys.Where(k => k.Use == "sig").Select(k => k.Kid).ToArray();
        Assert.Contains(oldKid, published);
        Assert.Subset(published.ToHashSet(), publishedBefore.ToHashSet());
        Assert.Single(published.Except(publishedBefore));

        var browser = restarted.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = IdentityFixture.Issuer });
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(browser, challenge, owner.Slug, owner.Email, Password, "openid identity");
        var after = (await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(restarted.CreateClient(), code, verifier))).AccessToken;
        Assert.NotEqual(oldKid, new JsonWebToken(after).Kid);

        foreach (var token in new[] { before, after })
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = IdentityFixture.Issuer.ToString(), ValidAudience = "identity", IssuerSigningKeys = jwks.GetSigningKeys(),
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }
    }

    [Fact]
    public async Task A_running_replica_signs_with_the_rotated_key_without_a_restart()
    {
        var owner = await identity.SignUpAsync(Password);
        await using var running = identity.WithWebHostBuilder(host => host.UseSetting("Identity:SigningKeys:RefreshInterval", "00:00:00.100"));
        var client = running.CreateClient();
        var before = await PublishedSigningKeysAsync(client);

        await SigningKeysConfiguration.RotateAsync(identity.Services, TimeProvider.System, CancellationToken.None);

        // The replica notices within its refresh interval; waited for by what it publishes, with a bound.
        string[] after = before;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (after.Length == before.Length)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token);
            after = await PublishedSigningKeysAsync(client);
        }

        var added = Assert.Single(after.Except(before));
        Assert.Subset(after.ToHashSet(), before.ToHashSet()); // the replaced key stays published for its tokens
        var browser = running.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = IdentityFixture.Issuer });
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(browser, challenge, owner.Slug, owner.Email, Password, "openid identity");
        var token = (await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(running.CreateClient(), code, verifier))).AccessToken;
        Assert.Equal(added, new JsonWebToken(token).Kid);
    }

    private static async Task<string[]> PublishedSigningKeysAsync(HttpClient client) =>
        [.. new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks")).Keys.Where(k => k.Use == "sig").Select(k => k.Kid)];
}
