using System.Net;
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
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.PostAsJsonAsync("/api/identity/me/password", new { currentPassword, newPassword = "a brand new passphrase for 2027" });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
