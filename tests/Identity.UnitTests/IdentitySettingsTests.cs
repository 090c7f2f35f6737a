using Microsoft.Extensions.Configuration;

namespace PocTracker.Identity.UnitTests;

public sealed class IdentitySettingsTests
{
    private static IdentitySettings Read(params (string Key, string Value)[] settings) =>
        IdentitySettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Identity:" + s.Key, s.Value)))
            .Build());

    [Fact]
    public void The_refresh_token_reuse_leeway_is_two_seconds_unless_set_lower()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Read(("Issuer", "https://id.poctracker.dev/")).RefreshTokenReuseLeeway);
        Assert.Equal(TimeSpan.Zero, Read(("Issuer", "https://id.poctracker.dev/"), ("RefreshTokenReuseLeeway", "00:00:00")).RefreshTokenReuseLeeway);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Read(("Issuer", "https://id.poctracker.dev/"), ("RefreshTokenReuseLeeway", "00:00:01.5")).RefreshTokenReuseLeeway);
    }

    [Theory]
    [InlineData("00:00:02.001")]
    [InlineData("00:00:05")]
    [InlineData("-00:00:01")]
    [InlineData("two seconds")]
    public void A_leeway_over_two_seconds_negative_or_unreadable_is_a_problem_that_stops_the_app_at_start(string leeway)
    {
        var settings = Read(("Issuer", "https://id.poctracker.dev/"), ("RefreshTokenReuseLeeway", leeway));

        Assert.Equal($"Identity:RefreshTokenReuseLeeway must be from 00:00:00 to 00:00:02; it is '{leeway}'.", Assert.Single(settings.Problems));
    }

    [Fact]
    public void Without_an_issuer_the_problem_names_the_setting_and_what_it_must_be()
    {
        var settings = Read();

        var problem = Assert.Single(settings.Problems);
        Assert.StartsWith("Identity:Issuer is not set: it must be the identity app's public URL", problem, StringComparison.Ordinal);
        Assert.Contains("Identity__Issuer", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id.poctracker.dev")]
    [InlineData("ftp://id.poctracker.dev/")]
    public void An_issuer_that_is_no_http_url_is_a_problem_naming_the_value(string issuer)
    {
        Assert.Equal(
            $"Identity:Issuer must be the identity app's public URL, an absolute http(s) address such as https://identity.example.com/; it is '{issuer}'.",
            Assert.Single(Read(("Issuer", issuer)).Problems));
    }

    [Fact]
    public void Every_malformed_setting_is_a_problem_of_its_own()
    {
        var settings = Read(
            ("Issuer", "https://id.poctracker.dev/"), ("RequireHttps", "yes"), ("SignUpsPerIpPerMinute", "0"),
            ("TokenRequestsPerIpPerMinute", "many"), ("WebRedirectUris:0", "app.poctracker.dev/callback"));

        Assert.Equal(
        [
            "Identity:RequireHttps must be true or false; it is 'yes'.",
            "Identity:WebRedirectUris:0 must be an absolute URI (e.g. https://app.example.com/authentication/login-callback); it is 'app.poctracker.dev/callback'.",
            "Identity:TokenRequestsPerIpPerMinute must be a positive whole number; it is 'many'.",
            "Identity:SignUpsPerIpPerMinute must be a positive whole number; it is '0'.",
        ], settings.Problems);
    }

    [Fact]
    public void Settings_as_deployed_have_no_problem()
    {
        Assert.Empty(Read(("Issuer", "https://id.poctracker.dev/"), ("RequireHttps", "true"), ("SignUpsPerIpPerMinute", "5")).Problems);
    }

    [Theory]
    [InlineData("https://id.poctracker.dev/", null, true)]
    [InlineData("https://localhost:5001/", null, true)]
    [InlineData("http://id.poctracker.dev/", "false", true)] // plain HTTP allowed by hand (a TLS-terminating proxy): the browser still uses HTTPS
    [InlineData("http://localhost/", null, false)]            // Standalone and the tests
    [InlineData("http://127.0.0.1:5080/", null, false)]
    public void Cookies_are_secure_unless_the_issuer_is_plain_http_on_loopback(string issuer, string? requireHttps, bool secure)
    {
        var settings = requireHttps is null ? Read(("Issuer", issuer)) : Read(("Issuer", issuer), ("RequireHttps", requireHttps));

        Assert.Equal(secure, settings.SecureCookiesOnly);
    }
}
