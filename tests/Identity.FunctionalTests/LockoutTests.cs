using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Identity.FunctionalTests;

public sealed class LockoutTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_fails_and_the_lockout_is_audited()
    {
        var owner = await identity.SignUpAsync(Password);
        var auditorToken = await identity.AccessTokenAsync(owner, Password, "openid identity"); // before the lockout

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await identity.AttemptLoginAsync(owner.Slug, owner.Email, $"not the password, attempt {attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with the one generic message
        }

        using var right = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("role=\"alert\"", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var events = await identity.AuditLogAsync(auditorToken);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "lockout" && e.GetProperty("accountId").GetGuid() == owner.AccountId);
        Assert.Equal(5, events.Count(e => e.GetProperty("kind").GetString() == "login" && e.GetProperty("detail").GetString() == "wrong password"));
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "login" && e.GetProperty("detail").GetString() == "locked out");
    }

    [Fact]
    public async Task Wrong_current_passwords_sent_at_once_are_each_refused_and_each_counted()
    {
        var owner = await identity.SignUpAsync(Password);
        var token = await identity.AccessTokenAsync(owner, Password, "openid identity");

        // Four at once, then a fifth: the fifth locks only if all four were counted.
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(attempt => ChangePasswordAsync(token, $"not the password, attempt {attempt}")));
        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{(int)answer.Status} {answer.Body}"));
        Assert.All(answers, answer => Assert.Contains("The current password is not correct.", answer.Body, StringComparison.Ordinal));
        var fifth = await ChangePasswordAsync(token, "not the password, attempt 5");
        Assert.Equal(HttpStatusCode.BadRequest, fifth.Status);
        Assert.Contains("Too many wrong attempts", fifth.Body, StringComparison.Ordinal);

        // Locked: even the right password gets nowhere now.
        using var right = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Contains("role=\"alert\"", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await identity.AuditLogAsync(token);
        Assert.Equal(5, events.Count(e => e.GetProperty("kind").GetString() == "password-change" && e.GetProperty("detail").GetString() == "wrong current password"));
    }

    [Fact]
    public async Task Six_wrong_current_passwords_at_once_are_all_a_400_and_lock_the_account()
    {
        var owner = await identity.SignUpAsync(Password);
        var token = await identity.AccessTokenAsync(owner, Password, "openid identity");

        var answers = await Task.WhenAll(Enumerable.Range(1, 6).Select(attempt => ChangePasswordAsync(token, $"not the password, attempt {attempt}")));

        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{(int)answer.Status} {answer.Body}"));
        Assert.Contains(answers, answer => answer.Body.Contains("Too many wrong attempts", StringComparison.Ordinal));
        using var right = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Contains("role=\"alert\"", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> ChangePasswordAsync(string accessToken, string currentPassword)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.PostAsJsonAsync("/api/identity/me/password", new { currentPassword, newPassword = "a brand new passphrase for 2027" });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deleting_ones_account_locks_after_five_wrong_passwords_and_then_refuses_the_right_one()
    {
        var owner = await identity.SignUpAsync(Password);
        var member = await MemberAsync(owner);
        var api = Api(await identity.AccessTokenAsync(member, MemberPassword, "openid identity"));

        var answers = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await api.PostAsJsonAsync("/api/identity/me/delete", new { password = $"not the password, attempt {attempt}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            answers.Add(PasswordError(await wrong.Content.ReadFromJsonAsync<JsonElement>()));
        }

        Assert.Equal(4, answers.Count(a => a == "The password is not correct."));
        Assert.Contains("Too many wrong attempts", answers[^1], StringComparison.Ordinal);

        // Locked: the right password deletes nothing, and the login page refuses it too.
        using var right = await api.PostAsJsonAsync("/api/identity/me/delete", new { password = MemberPassword });
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Too many wrong attempts", PasswordError(await right.Content.ReadFromJsonAsync<JsonElement>()), StringComparison.Ordinal);
        using var login = await identity.AttemptLoginAsync(member.Slug, member.Email, MemberPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("role=\"alert\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var events = await identity.AuditLogAsync(await identity.AccessTokenAsync(owner, Password, "openid identity"));
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "lockout" && e.GetProperty("accountId").GetGuid() == member.AccountId);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "account-deletion" && e.GetProperty("detail").GetString() == "locked out");
        var accounts = await Api(await identity.AccessTokenAsync(owner, Password, "openid identity")).GetFromJsonAsync<JsonElement>("/api/identity/accounts");
        Assert.Contains(accounts.EnumerateArray(), a => a.GetProperty("id").GetGuid() == member.AccountId);
    }

    [Fact]
    public async Task Every_route_that_asks_for_the_password_counts_towards_the_same_lockout()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = Api(await identity.AccessTokenAsync(owner, Password, "openid identity"));

        // Two wrong at the password change, two at the second factor's enrolment, one at deletion: five, locked.
        using var change1 = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "wrong one", newPassword = "a brand new passphrase 2027" });
        using var change2 = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "wrong two", newPassword = "a brand new passphrase 2027" });
        using var enrol1 = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = "wrong three" });
        using var enrol2 = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = "wrong four" });
        using var delete = await api.PostAsJsonAsync("/api/identity/me/delete", new { password = "wrong five" });
        Assert.All([change1, change2, enrol1, enrol2, delete], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));

        using var enrolWithRight = await api.PostAsJsonAsync("/api/identity/me/two-step/enrolment", new { password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, enrolWithRight.StatusCode);
        Assert.Contains("Too many wrong attempts", PasswordError(await enrolWithRight.Content.ReadFromJsonAsync<JsonElement>()), StringComparison.Ordinal);
        using var login = await identity.AttemptLoginAsync(owner.Slug, owner.Email, Password);
        Assert.Contains("role=\"alert\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private const string MemberPassword = "a member's own long passphrase 2026";

    /// <summary>A member invited by the owner, who accepted (the last owner could not delete their account anyway).</summary>
    private async Task<SignedUp> MemberAsync(SignedUp owner)
    {
        var api = Api(await identity.AccessTokenAsync(owner, Password, "openid identity"));
        var email = $"bruno@{owner.Slug}.example";
        using var invited = await api.PostAsJsonAsync("/api/identity/invitations", new { email, role = "member" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(email)), displayName = "Bruno Lima", password = MemberPassword });
        var account = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, account.ToString());
        return new SignedUp(owner.TenantId, account.GetProperty("accountId").GetGuid(), owner.Slug, email);
    }

    private HttpClient Api(string accessToken)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static string PasswordError(JsonElement problem)
    {
        var errors = problem.GetProperty("errors");
        return (errors.TryGetProperty("password", out var password) ? password : errors.GetProperty("currentPassword"))[0].GetString()!;
    }
}
