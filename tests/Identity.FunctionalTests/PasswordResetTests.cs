using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PocTracker.Identity.Mail;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>Forgotten passwords: a link by e-mail, through the API and through the pages.</summary>
public sealed partial class PasswordResetTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string NewPassword = "um cachorro azul dança no telhado 2027";
    private const string EnglishSubject = "Choose a new PocTracker password";
    private const string PortugueseSubject = "Escolha uma nova senha do PocTracker";

    [Fact]
    public async Task The_mailed_link_sets_a_new_password_once_ends_every_session_and_unlocks_the_account()
    {
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password, "openid offline_access identity");
        var session = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), code, verifier));
        var stamp = await SecurityStampAsync(owner);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await identity.AttemptLoginAsync(owner.Slug, owner.Email, $"a forgotten password, try {attempt}");
        }

        using var locked = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Contains("role=\"alert\"", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var asked = await RequestResetAsync(owner.Slug, owner.Email.ToUpperInvariant(), "en");
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Empty(await asked.Content.ReadAsStringAsync());

        var mail = await identity.WaitForMailAsync(owner.Email, EnglishSubject);
        Assert.Contains("in Acme Labs on PocTracker", mail, StringComparison.Ordinal);
        Assert.Contains($"\"{owner.Slug}\"", mail, StringComparison.Ordinal);
        var token = IdentityFixture.ResetTokenIn(mail);
        Assert.StartsWith(owner.TenantId.ToString("N") + ".", token, StringComparison.Ordinal);

        // The policy applies; a refused password changes nothing and leaves the link usable.
        using var refused = await ConfirmAsync(token, "password1234567");
        var refusal = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(refusal.GetProperty("errors").TryGetProperty("newPassword", out _), refusal.ToString());

        using var reset = await ConfirmAsync(token, NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        // Every session ended: the refresh token is revoked and the security stamp is new (cookie sessions check it).
        using var refresh = await OAuthFlow.RefreshAsync(identity.CreateClient(), session.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.NotEqual(stamp, await SecurityStampAsync(owner));

        // Unlocked, and only the new password works.
        using var oldPassword = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Contains("role=\"alert\"", await oldPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var accessToken = await identity.AccessTokenAsync(owner, NewPassword, "openid identity");

        // Single use.
        using var again = await ConfirmAsync(token, "yet another long passphrase 2028");
        var spent = await ProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", spent.GetProperty("code").GetString());
        Assert.True(spent.GetProperty("errors").TryGetProperty("token", out _), spent.ToString());

        var events = (await identity.AuditLogAsync(accessToken)).Where(e => e.GetProperty("kind").GetString() == "password-reset").ToArray();
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "success" && e.GetProperty("detail").GetString()!.StartsWith("link sent", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "success" && e.GetProperty("detail").GetString()!.StartsWith("password set", StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain(token.Split('.')[1], e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_answers_alike_for_unknown_and_deactivated_accounts_and_only_real_active_ones_get_mail()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);
        var member = $"bruno@{owner.Slug}.example";
        using var invited = await api.PostAsJsonAsync("/api/identity/invitations", new { email = member, role = "member" });
        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(member)), displayName = "Bruno Lima", password = "a colleague's own long passphrase 2026" });
        var memberId = (await ProblemAsync(accepted, HttpStatusCode.Created)).GetProperty("accountId").GetGuid();
        using var deactivated = await api.PostAsync($"/api/identity/accounts/{memberId}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var unknown = $"nobody@{owner.Slug}.example";

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (slug, email) in new[] { ("no-such-organisation", owner.Email), (owner.Slug, unknown), (owner.Slug, member), (owner.Slug, owner.Email) })
        {
            using var response = await RequestResetAsync(slug, email, "en");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal((HttpStatusCode.Accepted, ""), Assert.Single(answers.Distinct()));

        // Mail goes out in order: once the owner's (asked last) is there, the others would have been too.
        await identity.WaitForMailAsync(owner.Email, EnglishSubject);
        Assert.Empty(identity.MailsTo(member, EnglishSubject));
        Assert.Empty(identity.MailsTo(unknown, EnglishSubject));

        var events = (await identity.AuditLogAsync(await ApiTokenAsync(owner))).Where(e => e.GetProperty("kind").GetString() == "password-reset").ToArray();
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("detail").GetString() == "no link sent: deactivated account");
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("detail").GetString() == "no link sent: unknown e-mail");
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_using_one_link_spends_the_others()
    {
        var owner = await identity.SignUpAsync(Password);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var asked = await RequestResetAsync(owner.Slug, owner.Email, "en");
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            tokens.Add(IdentityFixture.ResetTokenIn(await identity.WaitForMailAsync(owner.Email, EnglishSubject, skip: i)));
        }

        Assert.Equal(3, tokens.Distinct().Count());
        Assert.True(LinkToken.TryParse(tokens[0], out _, out var firstHash));
        Assert.Equal(1L, await identity.AsOwnerAsync(owner.TenantId,
            "with expired as (update reset_links set expires_at = now() - interval '1 second' where token_hash = @hash returning 1) select count(*) from expired",
            ("hash", firstHash)));

        using var expired = await ConfirmAsync(tokens[0], NewPassword);
        Assert.True((await ProblemAsync(expired, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));

        using var used = await ConfirmAsync(tokens[1], NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, used.StatusCode);

        using var spent = await ConfirmAsync(tokens[2], "yet another long passphrase 2028");
        Assert.True((await ProblemAsync(spent, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.False(string.IsNullOrEmpty(await identity.AccessTokenAsync(owner, NewPassword, "openid identity")));
    }

    [Fact]
    public async Task Malformed_and_missing_fields_are_400_problems()
    {
        using var noEmail = await RequestResetAsync("acme", "not an e-mail", "en");
        Assert.True((await ProblemAsync(noEmail, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("email", out _));
        using var longSlug = await RequestResetAsync(new string('a', 41), "ana@acme.example", "en");
        Assert.True((await ProblemAsync(longSlug, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("slug", out _));

        using var noPassword = await ConfirmAsync("whatever", "");
        Assert.True((await ProblemAsync(noPassword, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));
        using var nonsense = await ConfirmAsync("nonsense", NewPassword);
        Assert.True((await ProblemAsync(nonsense, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task The_login_page_links_to_a_page_that_mails_a_link_whose_page_sets_the_new_password()
    {
        var owner = await identity.SignUpAsync(Password);
        var browser = identity.Browser();

        using var login = await GetAsync(browser, "/account/login", "pt-BR");
        Assert.Contains("<a href=\"/account/forgot-password\">Esqueceu sua senha?</a>", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forgot = await GetAsync(browser, "/account/forgot-password", "pt-BR");
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        Assert.True(forgot.Headers.CacheControl?.NoStore);
        Assert.Equal("DENY", forgot.Headers.GetValues("X-Frame-Options").Single());
        var forgotHtml = await forgot.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"pt-BR\"", forgotHtml, StringComparison.Ordinal);

        // Without its antiforgery token the form is refused.
        using var forged = await PostFormAsync(browser, "/account/forgot-password", new() { ["tenant"] = owner.Slug, ["email"] = owner.Email }, "pt-BR");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var sent = await PostFormAsync(browser, "/account/forgot-password", Fields(forgotHtml, ("tenant", owner.Slug), ("email", owner.Email)), "pt-BR");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Confira seu e-mail", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = await identity.WaitForMailAsync(owner.Email, PortugueseSubject);
        Assert.Contains("Para escolher uma nova senha", mail, StringComparison.Ordinal);
        var link = "/account/reset-password?token=" + Uri.EscapeDataString(IdentityFixture.ResetTokenIn(mail));

        using var page = await GetAsync(browser, link, "pt-BR");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(owner.Email, html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"new-password\"", html, StringComparison.Ordinal);

        // A password the policy refuses: the form again with the reasons in Portuguese.
        using var refused = await PostFormAsync(browser, "/account/reset-password", Fields(html, ("password", "senha123456789!!")), "pt-BR");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Esta é uma senha ou palavra comum com apenas números ou símbolos acrescentados", refusedHtml, StringComparison.Ordinal);

        using var saved = await PostFormAsync(browser, "/account/reset-password", Fields(refusedHtml, ("password", NewPassword)), "pt-BR");
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/account/login?tenant={owner.Slug}", saved.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrEmpty(await identity.AccessTokenAsync(owner, NewPassword, "openid identity")));

        // Spent: one page for every unusable link, naming nothing and offering a new one.
        using var again = await GetAsync(identity.Browser(), link, "en");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var spent = await again.Content.ReadAsStringAsync();
        Assert.Contains("This link cannot be used", spent, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/forgot-password\"", spent, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email, spent, StringComparison.Ordinal);
        using var unknown = await GetAsync(identity.Browser(), "/account/reset-password?token=nonsense", "en");
        Assert.Equal(spent, await unknown.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> RequestResetAsync(string slug, string email, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/password-resets") { Content = JsonContent.Create(new { slug, email }) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await identity.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> ConfirmAsync(string token, string newPassword) =>
        identity.CreateClient().PostAsJsonAsync("/api/identity/password-resets/confirm", new { token, newPassword });

    /// <summary>The body of an answer expected to have this status (a problem, mostly), shown when it has another.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        return body;
    }

    private async Task<object?> SecurityStampAsync(SignedUp account) =>
        await identity.AsOwnerAsync(account.TenantId, "select security_stamp from accounts where id = @id", ("id", account.AccountId));

    private async Task<HttpClient> ApiAsync(SignedUp owner, string password)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.AccessTokenAsync(owner, password, "openid identity"));
        return client;
    }

    private Task<string> ApiTokenAsync(SignedUp owner) => identity.AccessTokenAsync(owner, Password, "openid identity");

    private static async Task<HttpResponseMessage> GetAsync(HttpClient browser, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await browser.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await browser.SendAsync(request);
    }

    /// <summary>A page's hidden fields (antiforgery token, link token) plus what was typed.</summary>
    private static Dictionary<string, string> Fields(string html, params (string Name, string Value)[] typed)
    {
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        return fields;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();
}
