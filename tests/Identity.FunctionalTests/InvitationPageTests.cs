using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PocTracker.Identity.FunctionalTests;

public sealed partial class InvitationPageTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string NewcomerPassword = "uma frase longa para a conta nova 2026";

    [Fact]
    public async Task The_mailed_link_opens_a_page_that_creates_the_account_and_sends_the_person_to_log_in()
    {
        var (owner, email, link) = await InviteAsync("member");
        var browser = identity.Browser();

        // The page names the organisation and the e-mail, in the browser's language, and is neither cached nor framed.
        using var page = await GetAsync(browser, link, "pt-BR,pt;q=0.9,en;q=0.5");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"pt-BR\"", html, StringComparison.Ordinal);
        Assert.Contains("Acme Labs", html, StringComparison.Ordinal);
        Assert.Contains(email, html, StringComparison.Ordinal);
        Assert.Contains("membro", html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        // A password the policy refuses: the form again, with the policy's reasons in Portuguese; nothing created.
        using var refused = await PostFormAsync(browser, html, "Bruno Lima", "senha123456789!!", "pt-BR");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Esta é uma senha ou palavra comum com apenas números ou símbolos acrescentados", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Bruno Lima\"", refusedHtml, StringComparison.Ordinal);

        // A good one: the account exists and the browser is sent (303) to the login page with the organisation filled in.
        using var accepted = await PostFormAsync(browser, refusedHtml, "Bruno Lima", NewcomerPassword, "pt-BR");
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal($"/account/login?tenant={owner.Slug}", accepted.Headers.Location?.OriginalString);
        var login = await browser.GetStringAsync(accepted.Headers.Location);
        Assert.Contains($"name=\"tenant\" autocomplete=\"organization\" required maxlength=\"40\" value=\"{owner.Slug}\"", login, StringComparison.Ordinal);

        // The newcomer logs in through the code flow, as the role the invitation gave.
        var accounts = await OwnerApiAsync(owner);
        var created = (await accounts.GetFromJsonAsync<JsonElement>("/api/identity/accounts")).EnumerateArray().Single(a => a.GetProperty("email").GetString() == email);
        Assert.Equal("Bruno Lima", created.GetProperty("displayName").GetString());
        var newcomer = new SignedUp(owner.TenantId, created.GetProperty("id").GetGuid(), owner.Slug, email);
        var jwt = new JsonWebToken(await identity.AccessTokenAsync(newcomer, NewcomerPassword, "openid pocs"));
        Assert.Equal(newcomer.AccountId.ToString(), jwt.Subject);
        Assert.Equal("member", jwt.GetClaim("role").Value);

        // The link is spent: the friendly page, which names neither the organisation nor the e-mail.
        using var again = await GetAsync(identity.Browser(), link, "en");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var spent = await again.Content.ReadAsStringAsync();
        Assert.Contains("This invitation link cannot be used", spent, StringComparison.Ordinal);
        Assert.DoesNotContain(email, spent, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", spent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_malformed_and_expired_links_get_the_same_friendly_page()
    {
        var (owner, email, link) = await InviteAsync("admin");
        var invitationId = (await (await OwnerApiAsync(owner)).GetFromJsonAsync<JsonElement>("/api/identity/invitations"))
            .EnumerateArray().Single(i => i.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        await identity.ExpireInvitationAsync(owner.TenantId, invitationId);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var tenantPart = query["token"]!.Split('.')[0];

        var pages = new List<string>();
        foreach (var path in new[]
                 {
                     link.PathAndQuery,                                                         // expired
                     $"/account/invitation?token={tenantPart}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // unknown secret
                     "/account/invitation?token=nonsense",                                      // malformed
                     "/account/invitation",                                                     // none
                 })
        {
            using var response = await GetAsync(identity.Browser(), new Uri(path, UriKind.Relative), "en");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            pages.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(pages.Distinct());
        Assert.DoesNotContain(email, pages[0], StringComparison.Ordinal);
        Assert.Contains("/account/login", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_needs_its_antiforgery_token()
    {
        var (_, _, link) = await InviteAsync("member");
        var browser = identity.Browser();
        var html = await (await GetAsync(browser, link, "en")).Content.ReadAsStringAsync();
        var fields = Fields(html);
        fields.Remove(fields.Keys.Single(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)));
        fields["displayName"] = "Carla";
        fields["password"] = NewcomerPassword;

        using var posted = await browser.PostAsync("/account/invitation", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("The form expired", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Still usable afterwards.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(identity.Browser(), link, "en")).StatusCode);
    }

    [Fact]
    public async Task Json_or_an_unreadable_form_posted_to_the_page_is_a_problem_not_a_500_and_the_link_stays_usable()
    {
        var (_, email, link) = await InviteAsync("member");
        var token = IdentityFixture.InvitationTokenIn(identity.MailTo(email));

        using var posted = await identity.Browser().PostAsJsonAsync("/account/invitation", new { token, displayName = "Carla", password = NewcomerPassword });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unsupported-media-type", (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A form ASP.NET Core cannot read (an encoded NUL) is a 400 problem too.
        using var nul = new StringContent("token=" + Uri.EscapeDataString(token) + "&displayName=Car%00la", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var unreadable = await identity.Browser().PostAsync("/account/invitation", nul);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("application/problem+json", unreadable.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(identity.Browser(), link, "en")).StatusCode);
    }

    private async Task<(SignedUp Owner, string Email, Uri Link)> InviteAsync(string role)
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await OwnerApiAsync(owner);
        var email = $"{role}-{Guid.NewGuid():N}"[..16] + $"@{owner.Slug}.example";
        using var invited = await api.PostAsJsonAsync("/api/identity/invitations", new { email, role });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        return (owner, email, IdentityFixture.InvitationLinkIn(identity.MailTo(email)));
    }

    private async Task<HttpClient> OwnerApiAsync(SignedUp owner)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.AccessTokenAsync(owner, Password, "openid identity"));
        return client;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient browser, Uri link, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, link.IsAbsoluteUri ? link.PathAndQuery : link.OriginalString);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await browser.SendAsync(request);
    }

    /// <summary>Posts the page's form as a browser would: its hidden fields (antiforgery token, invitation token) plus what was typed.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string html, string displayName, string password, string language)
    {
        var fields = Fields(html);
        fields["displayName"] = displayName;
        fields["password"] = password;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/invitation") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await browser.SendAsync(request);
    }

    private static Dictionary<string, string> Fields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();
}
