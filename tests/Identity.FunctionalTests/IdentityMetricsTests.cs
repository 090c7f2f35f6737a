using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The identity app's instruments (IdentityMetrics) measure what the alerts of manifests/observability watch: login
/// attempts by outcome, lockouts, refresh-token reuse. Each test makes the event happen and reads the app's own meter.
/// </summary>
public sealed class IdentityMetricsTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    private InstrumentRecorder Record(string instrument) =>
        new(identity.Services.GetRequiredService<IMeterFactory>(), IdentityMetrics.Name, instrument);

    [Fact]
    public async Task Logins_are_counted_by_outcome_and_a_lockout_once_when_it_happens()
    {
        using var logins = Record("poctracker.identity.logins");
        using var lockouts = Record("poctracker.identity.lockouts");
        var owner = await identity.SignUpAsync(Password);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await identity.AttemptLoginAsync(owner.Slug, owner.Email, $"not the password, attempt {attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password); // locked: refused

        var outcomes = logins.Measurements.Select(m => m.Tag("outcome")).ToList();
        Assert.Equal(4, outcomes.Count(o => o == "failed"));
        Assert.Equal(2, outcomes.Count(o => o == "locked_out")); // the fifth wrong one locked, the right one met the lock
        Assert.DoesNotContain("succeeded", outcomes);
        Assert.Equal(1, lockouts.Measurements.Sum(m => m.Value));
        Assert.All(logins.Measurements, m => Assert.Equal(["outcome"], m.Tags.Keys)); // nothing names the tenant or the account
    }

    [Fact]
    public async Task A_right_password_counts_a_succeeded_login()
    {
        using var logins = Record("poctracker.identity.logins");
        var owner = await identity.SignUpAsync(Password);

        await identity.AccessTokenAsync(owner, Password, "openid identity");

        Assert.Contains(logins.Measurements, m => m.Tag("outcome") == "succeeded");
        Assert.DoesNotContain(logins.Measurements, m => m.Tag("outcome") is "failed" or "locked_out");
    }

    [Fact]
    public async Task A_redeemed_refresh_token_presented_again_counts_one_reuse()
    {
        using var reuses = Record("poctracker.identity.refresh_token.reuses");
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password);
        var client = identity.CreateClient();
        var first = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(client, code, verifier));
        using (await OAuthFlow.RefreshAsync(client, first.RefreshToken!))
        {
        }

        Assert.Empty(reuses.Measurements); // a rotation is no reuse

        using var reuse = await OAuthFlow.RefreshAsync(client, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal(1, reuses.Measurements.Sum(m => m.Value));
    }
}
