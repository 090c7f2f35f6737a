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
    public void A_leeway_over_two_seconds_or_negative_stops_the_app_at_start(string leeway)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(("Issuer", "https://id.poctracker.dev/"), ("RefreshTokenReuseLeeway", leeway)));
        Assert.Contains("RefreshTokenReuseLeeway", refused.Message, StringComparison.Ordinal);
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
