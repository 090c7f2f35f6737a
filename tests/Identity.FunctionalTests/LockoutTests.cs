using System.Net;
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
}
