using System.Net;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>RFC 8252: native tools listen on whatever loopback port is free.</summary>
public sealed class LoopbackRedirectTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public async Task The_cli_client_may_use_any_loopback_port_for_its_registered_callback()
    {
        var owner = await identity.SignUpAsync(Password);
        var browser = identity.Browser();
        var (verifier, challenge) = OAuthFlow.NewPkce();
        const string redirect = "http://127.0.0.1:53123/callback";

        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(challenge, redirectUri: redirect));
        using var login = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, owner.Slug, owner.Email, Password);
        using var back = await browser.GetAsync(login.Headers.Location);

        var callback = back.Headers.Location!.ToString();
        Assert.StartsWith(redirect + "?", callback, StringComparison.Ordinal);
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]!;
        using var exchanged = await identity.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["client_id"] = OAuthFlow.CliClient, ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:53123/other")]
    [InlineData("http://localhost:53123/callback")]
    [InlineData("http://evil.example:53123/callback")]
    [InlineData("https://127.0.0.1:53123/callback")]
    public async Task Other_paths_hosts_and_schemes_are_refused(string redirect)
    {
        var (_, challenge) = OAuthFlow.NewPkce();

        using var response = await identity.Browser().GetAsync(OAuthFlow.AuthorizeUrl(challenge, redirectUri: redirect));

        // An unregistered redirect URI is never redirected to: the error stays at the server.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
