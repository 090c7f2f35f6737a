using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The OAuth/OpenID Connect endpoints beyond the code flow itself: logout, userinfo, and bad protocol input.</summary>
public sealed partial class ConnectEndpointTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    /// <summary>The web client's registered post-logout address (the issuer, by default).</summary>
    private static readonly string PostLogout = IdentityFixture.Issuer.ToString();

    private static readonly string LogoutUrl =
        $"/connect/logout?client_id=poctracker-web&post_logout_redirect_uri={Uri.EscapeDataString(PostLogout)}&state=bye-1";

    [Fact]
    public async Task Logout_by_get_only_asks_and_the_confirmation_form_ends_the_session_and_returns_to_the_client()
    {
        var owner = await identity.SignUpAsync(Password);
        var browser = await SignedInBrowserAsync(owner);

        // A GET (a link, an image on another site) ends nothing: it shows a question whose form posts back.
        using var asked = await browser.GetAsync(LogoutUrl);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await asked.Content.ReadAsStringAsync();
        Assert.Contains("""<form method="post" action="/connect/logout">""", page, StringComparison.Ordinal);
        Assert.Contains("Sign out of PocTracker?", page, StringComparison.Ordinal);
        Assert.Equal("no-store", asked.Headers.CacheControl!.ToString());
        Assert.Contains($"form-action 'self' {PostLogout.TrimEnd('/')};", asked.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(browser)));

        var fields = Fields(page);
        Assert.Equal("bye-1", fields["state"]);
        Assert.Equal(PostLogout, fields["post_logout_redirect_uri"]);
        using var confirmed = await browser.PostAsync("/connect/logout", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(PostLogout + "?state=bye-1", confirmed.Headers.Location!.ToString());
        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(browser)).AbsolutePath);

        var audit = await identity.AuditLogAsync(await identity.AccessTokenAsync(owner, Password, "openid identity"));
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "logout" && e.GetProperty("accountId").GetGuid() == owner.AccountId);
    }

    [Fact]
    public async Task A_logout_post_without_the_forms_token_is_asked_about_too_and_ends_nothing()
    {
        var browser = await SignedInBrowserAsync(await identity.SignUpAsync(Password));

        // What another site's auto-submitting form would send: the end-session request, no antiforgery token.
        using var posted = await browser.PostAsync("/connect/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "poctracker-web", ["post_logout_redirect_uri"] = PostLogout, ["state"] = "bye-2",
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("""<form method="post" action="/connect/logout">""", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(browser)));
    }

    [Fact]
    public async Task Logout_with_no_session_returns_to_the_client_at_once_and_the_question_speaks_portuguese()
    {
        using var anonymous = await identity.Browser().GetAsync(LogoutUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(PostLogout + "?state=bye-1", anonymous.Headers.Location!.ToString());

        var browser = await SignedInBrowserAsync(await identity.SignUpAsync(Password));
        using var request = new HttpRequestMessage(HttpMethod.Get, LogoutUrl);
        request.Headers.AcceptLanguage.ParseAdd("pt-BR");
        using var asked = await browser.SendAsync(request);
        var page = await asked.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"pt-BR\">", page, StringComparison.Ordinal);
        Assert.Contains("Sair do PocTracker?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Userinfo_names_the_email_only_for_the_email_scope_and_the_name_only_for_profile()
    {
        var owner = await identity.SignUpAsync(Password);

        var bare = await UserInfoAsync(await identity.AccessTokenAsync(owner, Password, "openid pocs"));
        Assert.Equal(owner.AccountId.ToString(), bare.GetProperty("sub").GetString());
        Assert.False(bare.TryGetProperty("email", out _), bare.ToString());
        Assert.False(bare.TryGetProperty("name", out _), bare.ToString());

        var full = await UserInfoAsync(await identity.AccessTokenAsync(owner, Password, "openid profile email pocs"));
        Assert.Equal(owner.Email, full.GetProperty("email").GetString());
        Assert.False(full.GetProperty("email_verified").GetBoolean()); // sign-up does not prove the address
        Assert.Equal("Ana Souza", full.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Userinfo_refuses_an_access_token_in_the_url()
    {
        var owner = await identity.SignUpAsync(Password);
        var token = await identity.AccessTokenAsync(owner, Password, "openid email pocs");

        using var inQuery = await identity.CreateClient().GetAsync("/connect/userinfo?access_token=" + Uri.EscapeDataString(token));

        // RFC 6750 §3: a resource endpoint says what was wrong in WWW-Authenticate.
        Assert.Equal(HttpStatusCode.BadRequest, inQuery.StatusCode);
        var challenge = Assert.Single(inQuery.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_request\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email, await inQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/connect/authorize?client_id=%00&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&scope=openid")]
    [InlineData("/connect/authorize?client_id=poctracker-cli&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcall%00back&response_type=code&scope=openid")]
    [InlineData("/connect/authorize?client_id=poctracker-cli&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&scope=openid%00")]
    [InlineData("/connect/logout?post_logout_redirect_uri=%00")]
    [InlineData("/connect/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%2F%00")]
    public async Task Nul_in_a_query_parameter_is_invalid_request_not_a_500(string url)
    {
        using var response = await identity.Browser().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant_type=%00")]
    [InlineData("grant_type=client_credentials&client_id=%00&client_secret=x")]
    [InlineData("grant_type=refresh_token&client_id=poctracker-cli&refresh_token=%00")]
    [InlineData("grant_type=authorization_code&client_id=a%00b&code=x&code_verifier=y&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback")]
    public async Task Nul_in_a_token_request_is_invalid_request_not_a_500(string form)
    {
        using var content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await identity.CreateClient().PostAsync("/connect/token", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/connect/token", "application/x-www-form-urlencoded;;", "grant_type=client_credentials")]
    [InlineData("/connect/userinfo", "application/x-www-form-urlencoded;;", "access_token=x")]
    [InlineData("/connect/token", "multipart/form-data; boundary=x", "grant_type=client_credentials")]
    [InlineData("/connect/logout", "multipart/form-data; boundary=x", "post_logout_redirect_uri=x")]
    [InlineData("/connect/revoke", "multipart/form-data; boundary=x", "token=x")]
    [InlineData("/connect/revoke", "application/x-www-form-urlencoded", "client_id=poctracker-cli&token=%00")]
    public async Task A_form_whose_content_type_or_body_cannot_be_read_is_invalid_request_not_a_500(string path, string contentType, string body)
    {
        using var content = new StringContent(body, Encoding.ASCII);
        content.Headers.ContentType = null; // the header as sent, unparsed
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        using var response = await identity.CreateClient().PostAsync(path, content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        // OpenIddict's invalid_request, or (userinfo, whose token in a form is refused before OpenIddict) our problem.
        Assert.Matches("\"(invalid_request|malformed-request)\"|error:invalid_request", text);
    }

    [Theory]
    [InlineData("/connect/userinfo?%C3%A9=%0D%0A")]
    [InlineData("/connect/userinfo?%E2%81%A6isolate%E2%81%A9=%00")]
    public async Task A_control_character_under_a_non_ascii_name_is_invalid_request_even_in_www_authenticate(string url)
    {
        using var response = await identity.CreateClient().GetAsync(url);

        // The userinfo endpoint carries its error in WWW-Authenticate, a header that takes only ASCII: the
        // description must not quote the parameter's name (a 500 when it did).
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("invalid_request", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nul_in_http_basic_client_credentials_is_invalid_request_not_a_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "pocs" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("a\0b:c\0d")));

        using var response = await identity.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private async Task<HttpClient> SignedInBrowserAsync(SignedUp account)
    {
        var browser = identity.Browser();
        await OAuthFlow.LoginForCodeAsync(browser, OAuthFlow.NewPkce().Challenge, account.Slug, account.Email, Password);
        return browser;
    }

    private async Task<JsonElement> UserInfoAsync(string accessToken)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.GetAsync("/connect/userinfo");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static Dictionary<string, string> Fields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
