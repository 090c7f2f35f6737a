using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The identity app's login session (its cookie lets /connect/authorize hand out codes without the password)
/// ends whenever the account's security stamp is renewed: a password change, two-step verification switched on
/// or off, a password reset, deactivation. Each test logs a browser in through the real code flow, checks the session gives codes,
/// changes the account, and checks the same browser is sent to the login page instead.
/// </summary>
public sealed partial class LoginSessionTests(TwoStepFixture identity) : IClassFixture<TwoStepFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string NewPassword = "a brand new passphrase for 2027";
    private const string Scope = "openid offline_access identity";
    private const string TwoStepPath = "/account/login/code";

    [Fact]
    public async Task Changing_the_password_ends_the_login_session_so_the_old_browser_gets_no_more_codes()
    {
        var owner = await identity.SignUpAsync(Password);
        var (browser, api) = await SignedInAsync(owner, Password);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(browser, Scope))); // the session alone gives codes

        using var changed = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(browser, Scope)).AbsolutePath);
        // A silent request (prompt=none) gets login_required at the client, not a code.
        using var silent = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope) + "&prompt=none");
        var answer = System.Web.HttpUtility.ParseQueryString(silent.Headers.Location!.Query);
        Assert.Equal("login_required", answer["error"]);
        Assert.Null(answer["code"]);

        // Logging in again with the new password starts a session that works.
        var (again, _) = await SignedInAsync(owner, NewPassword);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(again, Scope)));
    }

    [Fact]
    public async Task Switching_two_step_verification_on_and_off_ends_the_login_session()
    {
        var owner = await identity.SignUpAsync(Password);
        var (browser, api) = await SignedInAsync(owner, Password);

        using var started = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        var secret = (await ReadAsync(started, HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(browser, Scope))); // a pending enrolment changes nothing yet
        using var confirmed = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment/confirm", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(browser, Scope)).AbsolutePath);

        var withCode = await LogInWithCodeAsync(owner, identity.NextCode(secret));
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(withCode, Scope)));
        using var disabled = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(withCode, Scope)).AbsolutePath);
    }

    [Fact]
    public async Task A_password_changed_between_the_password_step_and_the_code_step_ends_the_pending_login()
    {
        var owner = await identity.SignUpAsync(Password);
        var (_, api) = await SignedInAsync(owner, Password);
        using var started = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        var secret = (await ReadAsync(started, HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        using var confirmed = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment/confirm", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        // Someone proves the old password and waits at the code step; meanwhile the owner changes it.
        var thief = identity.Browser();
        using var authorize = await thief.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(thief, authorize.Headers.Location!, owner.Slug, owner.Email, Password);
        Assert.Equal(TwoStepPath, passwordStep.Headers.Location!.OriginalString);
        using var changed = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using var codeStep = await SubmitCodeAsync(thief, identity.NextCode(secret));
        Assert.Equal(HttpStatusCode.Redirect, codeStep.StatusCode);
        Assert.Equal("/account/login", codeStep.Headers.Location!.OriginalString);
        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(thief, Scope)).AbsolutePath);
    }

    [Fact]
    public async Task A_password_reset_ends_the_login_session()
    {
        var owner = await identity.SignUpAsync(Password);
        var (browser, _) = await SignedInAsync(owner, Password);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(browser, Scope)));

        using var asked = await identity.CreateClient().PostAsJsonAsync("/api/identity/password-resets", new { slug = owner.Slug, email = owner.Email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = IdentityFixture.ResetTokenIn(await identity.WaitForMailAsync(owner.Email, "Choose a new PocTracker password"));
        using var reset = await identity.CreateClient().PostAsJsonAsync("/api/identity/password-resets/confirm", new { token, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        // Whoever forgot the password may not be the only one who had it: the browser that knew the old one is out.
        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(browser, Scope)).AbsolutePath);
    }

    [Fact]
    public async Task Deactivation_ends_the_login_session()
    {
        var owner = await identity.SignUpAsync(Password);
        var (_, ownerApi) = await SignedInAsync(owner, Password);
        var email = $"member-{Guid.NewGuid():N}"[..16] + $"@{owner.Slug}.example";
        using var invited = await ownerApi.PostAsJsonAsync("/api/identity/invitations", new { email, role = "member" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(email)), displayName = "Bruno Lima", password = NewPassword });
        var member = new SignedUp(owner.TenantId, (await ReadAsync(accepted, HttpStatusCode.Created)).GetProperty("accountId").GetGuid(), owner.Slug, email);
        var (memberBrowser, _) = await SignedInAsync(member, NewPassword);
        Assert.True(OAuthFlow.IsCodeCallback(await OAuthFlow.AuthorizeAgainAsync(memberBrowser, Scope)));

        using var deactivated = await ownerApi.PostAsync($"/api/identity/accounts/{member.AccountId}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        Assert.Equal("/account/login", (await OAuthFlow.AuthorizeAgainAsync(memberBrowser, Scope)).AbsolutePath);
    }

    /// <summary>A browser logged in through the code flow (it keeps the session cookie) and an API client with the access token it got.</summary>
    private async Task<(HttpClient Browser, HttpClient Api)> SignedInAsync(SignedUp account, string password)
    {
        var browser = identity.Browser();
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(browser, challenge, account.Slug, account.Email, password, Scope);
        using var exchanged = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), code, verifier);
        var api = identity.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await OAuthFlow.ReadTokensAsync(exchanged)).AccessToken);
        return (browser, api);
    }

    /// <summary>A browser logged in with the password and a second-factor code.</summary>
    private async Task<HttpClient> LogInWithCodeAsync(SignedUp account, string code)
    {
        var browser = identity.Browser();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, account.Slug, account.Email, Password);
        Assert.Equal(TwoStepPath, passwordStep.Headers.Location!.OriginalString);
        using var codeStep = await SubmitCodeAsync(browser, code);
        Assert.Equal(HttpStatusCode.Redirect, codeStep.StatusCode);
        Assert.NotEqual("/account/login", codeStep.Headers.Location!.OriginalString);
        return browser;
    }

    private static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient browser, string code)
    {
        var page = await browser.GetStringAsync(TwoStepPath);
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["code"] = code;
        return await browser.PostAsync(TwoStepPath, new FormUrlEncodedContent(fields));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
