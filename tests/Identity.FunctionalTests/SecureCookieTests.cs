using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The identity app with a public HTTPS issuer, as in production (its address is what browsers use).</summary>
public sealed class HttpsIssuerFixture(PostgresServerFixture postgres) : IdentityFixture(postgres)
{
    public static readonly Uri HttpsIssuer = new("https://id.poctracker.test/");

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Identity:Issuer", HttpsIssuer.ToString());
}

public sealed partial class SecureCookieTests(HttpsIssuerFixture identity) : IClassFixture<HttpsIssuerFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public void Behind_an_https_issuer_every_identity_cookie_is_secure_whatever_scheme_a_request_arrives_with()
    {
        var cookies = identity.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(IdentityModule.SessionScheme).Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(Login.TwoStepLoginPage.PendingScheme).Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, identity.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task A_login_over_https_sets_secure_http_only_cookies()
    {
        var owner = await identity.SignUpAsync(Password);
        // The test carries the cookies itself, to read exactly what the app set.
        var client = identity.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = HttpsIssuerFixture.HttpsIssuer });

        using var authorize = await client.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        using var page = await client.GetAsync(authorize.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var fields = HiddenInput().Matches(await page.Content.ReadAsStringAsync())
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["tenant"] = owner.Slug;
        fields["email"] = owner.Email;
        fields["password"] = Password;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        login.Headers.Add("Cookie", antiforgery[..antiforgery.IndexOf(';', StringComparison.Ordinal)]);
        using var loggedIn = await client.SendAsync(login);

        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        var session = Assert.Single(SetCookies(loggedIn), c => c.StartsWith("poctracker.session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
