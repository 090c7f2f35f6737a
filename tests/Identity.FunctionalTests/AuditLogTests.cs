using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Identity.FunctionalTests;

public sealed class AuditLogTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string NewcomerPassword = "a new colleague's long passphrase 2026";

    [Fact]
    public async Task Before_takes_any_utc_offset_and_means_the_same_instant()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = Api(await identity.AccessTokenAsync(owner, Password, "openid identity"));
        var all = await ReadAsync(await api.GetAsync("/api/identity/audit?limit=200"), HttpStatusCode.OK);
        var signUp = all.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "sign-up").GetProperty("occurredAt").GetDateTimeOffset();

        // One second after the sign-up, written in São Paulo's and Moscow's offsets: the sign-up is before it either way.
        var after = signUp.AddSeconds(1);
        foreach (var offset in new[] { TimeSpan.FromHours(-3), TimeSpan.FromHours(3) })
        {
            var before = Uri.EscapeDataString(after.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
            var page = await ReadAsync(await api.GetAsync($"/api/identity/audit?before={before}"), HttpStatusCode.OK);
            Assert.Contains(page.EnumerateArray(), e => e.GetProperty("kind").GetString() == "sign-up");
            Assert.All(page.EnumerateArray(), e => Assert.True(e.GetProperty("occurredAt").GetDateTimeOffset() < after));
        }

        // The sign-up instant itself, in +03:00: nothing of this tenant is older.
        var atSignUp = Uri.EscapeDataString(signUp.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
        Assert.Empty((await ReadAsync(await api.GetAsync($"/api/identity/audit?before={atSignUp}"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_demoted_admin_reads_nothing_even_with_a_token_that_still_says_admin()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = Api(await identity.AccessTokenAsync(owner, Password, "openid identity"));
        var email = $"admin-{Guid.NewGuid():N}"[..16] + $"@{owner.Slug}.example";
        await ReadAsync(await ownerApi.PostAsJsonAsync("/api/identity/invitations", new { email, role = "admin" }), HttpStatusCode.Created);
        var accepted = await ReadAsync(await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(email)), displayName = "Ada Admin", password = NewcomerPassword }), HttpStatusCode.Created);
        var admin = new SignedUp(owner.TenantId, accepted.GetProperty("accountId").GetGuid(), owner.Slug, email);
        var adminApi = Api(await identity.AccessTokenAsync(admin, NewcomerPassword, "openid identity"));
        await ReadAsync(await adminApi.GetAsync("/api/identity/audit"), HttpStatusCode.OK);

        await ReadAsync(await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{admin.AccountId}/role", new { role = "member" }), HttpStatusCode.OK);

        var refused = await ReadAsync(await adminApi.GetAsync("/api/identity/audit"), HttpStatusCode.Forbidden);
        Assert.Equal("https://poctracker.dev/problems/forbidden", refused.GetProperty("type").GetString());
    }

    private HttpClient Api(string accessToken)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
            return JsonSerializer.Deserialize<JsonElement>(body);
        }
    }
}
