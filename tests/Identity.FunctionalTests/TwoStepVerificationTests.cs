using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using PocTracker.Identity.Mfa;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The identity app whose TOTP checks read a clock the test moves (the tokens' lifetimes still
/// follow the real clock): codes of consecutive 30-second steps without waiting for them.
/// </summary>
public sealed class TwoStepFixture(PostgresServerFixture postgres) : IdentityFixture(postgres)
{
    public FakeTimeProvider TotpClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton(sp =>
            new TotpAuthenticator(sp.GetRequiredService<IDataProtectionProvider>(), TotpClock)));

    /// <summary>What the person's authenticator app shows now, after moving the clock to the next step.</summary>
    public string NextCode(string secret)
    {
        TotpClock.Advance(TimeSpan.FromSeconds(TotpAuthenticator.StepSeconds));
        return CodeNow(secret);
    }

    public string CodeNow(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TotpClock.GetUtcNow().UtcDateTime);
}

public sealed partial class TwoStepVerificationTests(TwoStepFixture identity) : IClassFixture<TwoStepFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string Scope = "openid offline_access identity";

    [Fact]
    public async Task Enrolling_needs_the_password_and_a_first_code_then_login_asks_for_the_code()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = Api(await identity.AccessTokenAsync(owner, Password, Scope));

        using var wrongPassword = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = "not the password at all" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);

        using var started = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        var enrolment = await ReadAsync(started, HttpStatusCode.OK);
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", enrolment.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, Base32Encoding.ToBytes(secret).Length);

        // Nothing changes until a code proves the app holds the secret.
        Assert.False((await StatusAsync(api)).GetProperty("enabled").GetBoolean());
        using var wrongCode = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment/confirm", new { code = OtherCode(identity.CodeNow(secret)) });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        using var confirmed = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment/confirm", new { code = identity.CodeNow(secret) });
        var recoveryCodes = (await ReadAsync(confirmed, HttpStatusCode.OK)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        Assert.All(recoveryCodes, code => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code));
        var status = await StatusAsync(api);
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(10, status.GetProperty("recoveryCodesLeft").GetInt32());
        using var secondEnrolment = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        Assert.Equal("https://poctracker.dev/problems/two-step-enabled", (await ReadAsync(secondEnrolment, HttpStatusCode.Conflict)).GetProperty("type").GetString());

        // The right password alone no longer starts a session: the browser is asked for the code.
        var browser = identity.Browser();
        var (_, challenge) = OAuthFlow.NewPkce();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, owner.Slug, owner.Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.Equal(TwoStepPath, passwordStep.Headers.Location!.OriginalString);
        using var stillAnonymous = await browser.GetAsync(OAuthFlow.AuthorizeUrl(challenge, scope: Scope));
        Assert.Equal("/account/login", new Uri(IdentityFixture.Issuer, stillAnonymous.Headers.Location!).AbsolutePath);

        using var wrong = await SubmitCodeAsync(browser, OtherCode(identity.NextCode(secret)));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("did not work", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var right = await SubmitCodeAsync(browser, identity.CodeNow(secret));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        using var back = await browser.GetAsync(right.Headers.Location);
        Assert.StartsWith(OAuthFlow.CliRedirect, back.Headers.Location!.ToString(), StringComparison.Ordinal);

        var audit = await identity.AuditLogAsync(await LoginWithCodeAsync(owner, Password, () => identity.NextCode(secret)));
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "mfa-change" && e.GetProperty("outcome").GetString() == "success"
            && e.GetProperty("detail").GetString() == "authenticator app enrolled");
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "login" && e.GetProperty("outcome").GetString() == "failure"
            && e.GetProperty("detail").GetString() == "wrong second-factor code");
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "login" && e.GetProperty("outcome").GetString() == "success"
            && e.GetProperty("detail").GetString() == "password + authenticator code");
    }

    [Fact]
    public async Task A_code_works_once_and_a_recovery_code_works_once()
    {
        var (owner, secret, recoveryCodes) = await EnrolledOwnerAsync();

        var code = identity.NextCode(secret);
        await LoginWithCodeAsync(owner, Password, () => code);
        // The same code again, still inside its 30 seconds: refused (someone saw it, or it was logged).
        using var replayed = await AttemptCodeAsync(owner, Password, code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("did not work", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A recovery code, typed loosely (lower case, no hyphens), logs in once.
        var typed = recoveryCodes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var token = await LoginWithCodeAsync(owner, Password, () => typed);
        using var again = await AttemptCodeAsync(owner, Password, recoveryCodes[3]);
        Assert.Contains("did not work", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(9, (await StatusAsync(Api(token))).GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task Switching_it_off_needs_a_fresh_code()
    {
        var (owner, secret, _) = await EnrolledOwnerAsync();
        var used = identity.NextCode(secret);
        var api = Api(await LoginWithCodeAsync(owner, Password, () => used));

        using var withUsedCode = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = used });
        Assert.Equal(HttpStatusCode.BadRequest, withUsedCode.StatusCode);
        Assert.True((await StatusAsync(api)).GetProperty("enabled").GetBoolean());

        using var disabled = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.False((await StatusAsync(api)).GetProperty("enabled").GetBoolean());
        using var again = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = identity.NextCode(secret) });
        Assert.Equal("https://poctracker.dev/problems/two-step-not-enabled", (await ReadAsync(again, HttpStatusCode.Conflict)).GetProperty("type").GetString());

        // Password alone again.
        await identity.AccessTokenAsync(owner, Password, Scope);
    }

    [Fact]
    public async Task Recovery_codes_are_renewed_with_a_code_and_the_old_ones_stop_working()
    {
        var (owner, secret, oldCodes) = await EnrolledOwnerAsync();
        var api = Api(await LoginWithCodeAsync(owner, Password, () => identity.NextCode(secret)));

        using var renewed = await api.PostAsJsonAsync("/api/identity/me/two-step/recovery-codes", new { code = identity.NextCode(secret) });
        var newCodes = (await ReadAsync(renewed, HttpStatusCode.OK)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Empty(newCodes.Intersect(oldCodes));

        using var old = await AttemptCodeAsync(owner, Password, oldCodes[0]);
        Assert.Contains("did not work", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await LoginWithCodeAsync(owner, Password, () => newCodes[0]);
    }

    [Fact]
    public async Task Changing_the_password_checks_the_current_one_applies_the_policy_and_ends_every_session()
    {
        var owner = await identity.SignUpAsync(Password);
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, owner.Slug, owner.Email, Password, Scope);
        using var exchanged = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), code, verifier);
        var tokens = await OAuthFlow.ReadTokensAsync(exchanged);
        var api = Api(tokens.AccessToken);

        using var wrongCurrent = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "not the password at all", newPassword = "a brand new passphrase for 2027" });
        Assert.Equal("currentPassword", Assert.Single((await ReadAsync(wrongCurrent, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);

        // Without a second factor, 15 characters at least (the 8-character minimum needs two-step verification).
        using var tooShort = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = "Zq7#vL2!pk" });
        var refused = await ReadAsync(tooShort, HttpStatusCode.BadRequest);
        Assert.Equal("newPassword", Assert.Single(refused.GetProperty("errors").EnumerateObject()).Name);

        const string NewPassword = "a brand new passphrase for 2027";
        using var changed = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        // Every session ends: the refresh token from before the change is dead; the old password too.
        using var refreshed = await OAuthFlow.RefreshAsync(identity.CreateClient(), tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        using var oldPassword = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode); // the login page again, with the generic failure
        var newToken = await identity.AccessTokenAsync(owner, NewPassword, Scope);
        var audit = await identity.AuditLogAsync(newToken);
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "password-change" && e.GetProperty("outcome").GetString() == "success");
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "password-change" && e.GetProperty("detail").GetString() == "wrong current password");
    }

    [Fact]
    public async Task With_two_step_on_an_8_character_password_is_allowed_and_then_two_step_stays_on_until_the_password_is_long_again()
    {
        var (owner, secret, _) = await EnrolledOwnerAsync();
        var api = Api(await LoginWithCodeAsync(owner, Password, () => identity.NextCode(secret)));

        const string ShortPassword = "Zq7#vL2!pk";
        using var changed = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = ShortPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        api = Api(await LoginWithCodeAsync(owner, ShortPassword, () => identity.NextCode(secret)));
        Assert.True((await StatusAsync(api)).GetProperty("passwordNeedsTwoStep").GetBoolean());

        using var refused = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("https://poctracker.dev/problems/password-needs-two-step", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        const string LongPassword = "long enough to stand alone 2027";
        using var lengthened = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = ShortPassword, newPassword = LongPassword });
        Assert.Equal(HttpStatusCode.NoContent, lengthened.StatusCode);
        using var disabled = await api.PostAsJsonAsync("/api/identity/me/two-step/disable", new { code = identity.NextCode(secret) });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_at_login_lock_the_account_like_wrong_passwords()
    {
        var (owner, secret, _) = await EnrolledOwnerAsync();
        var browser = identity.Browser();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, owner.Slug, owner.Email, Password);
        Assert.Equal(TwoStepPath, passwordStep.Headers.Location!.OriginalString);

        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last?.Dispose();
            last = await SubmitCodeAsync(browser, OtherCode(identity.CodeNow(secret)));
        }

        // The fifth wrong code locks the account and ends the pending login: back to the start.
        Assert.Equal(HttpStatusCode.Redirect, last!.StatusCode);
        Assert.Equal("/account/login", last.Headers.Location!.OriginalString);
        last.Dispose();
        using var rightCodeTooLate = await browser.GetAsync(TwoStepPath);
        Assert.Equal(HttpStatusCode.Redirect, rightCodeTooLate.StatusCode);

        // While locked, even the right password and code get nowhere: authorize still sends to the login page.
        using var locked = await AttemptCodeAsync(owner, Password, identity.NextCode(secret));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal("/account/login", new Uri(IdentityFixture.Issuer, locked.Headers.Location!).AbsolutePath);
    }

    private const string TwoStepPath = "/account/login/code";

    private async Task<(SignedUp Owner, string Secret, string[] RecoveryCodes)> EnrolledOwnerAsync()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = Api(await identity.AccessTokenAsync(owner, Password, Scope));
        using var started = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        var secret = (await ReadAsync(started, HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        using var confirmed = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment/confirm", new { code = identity.NextCode(secret) });
        var codes = (await ReadAsync(confirmed, HttpStatusCode.OK)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (owner, secret, codes);
    }

    /// <summary>The whole browser login with the second step; returns the access token.</summary>
    private async Task<string> LoginWithCodeAsync(SignedUp account, string password, Func<string> code)
    {
        var browser = identity.Browser();
        var (verifier, challenge) = OAuthFlow.NewPkce();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, account.Slug, account.Email, password);
        Assert.Equal(TwoStepPath, passwordStep.Headers.Location?.OriginalString);
        using var codeStep = await SubmitCodeAsync(browser, code());
        Assert.True(codeStep.StatusCode == HttpStatusCode.Redirect, await codeStep.Content.ReadAsStringAsync());
        using var back = await browser.GetAsync(codeStep.Headers.Location);
        var query = System.Web.HttpUtility.ParseQueryString(back.Headers.Location!.Query);
        using var exchanged = await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), query["code"]!, verifier);
        return (await OAuthFlow.ReadTokensAsync(exchanged)).AccessToken;
    }

    /// <summary>Password then one code, in a fresh browser; returns the code step's answer.</summary>
    private async Task<HttpResponseMessage> AttemptCodeAsync(SignedUp account, string password, string code)
    {
        var browser = identity.Browser();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope));
        using var passwordStep = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, account.Slug, account.Email, password);
        return passwordStep.StatusCode == HttpStatusCode.Redirect
            ? await SubmitCodeAsync(browser, code)
            : await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge, scope: Scope)); // refused at the password step (locked): still no session

    }

    private static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient browser, string code)
    {
        var page = await browser.GetStringAsync(TwoStepPath);
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["code"] = code;
        return await browser.PostAsync(TwoStepPath, new FormUrlEncodedContent(fields));
    }

    /// <summary>A 6-digit code that is not <paramref name="code"/> (nor, almost surely, its neighbours).</summary>
    private static string OtherCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Api(string accessToken)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient api) => await api.GetFromJsonAsync<JsonElement>("/api/identity/me/two-step");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
