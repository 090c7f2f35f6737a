using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

public sealed class SignUpTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_forced_and_policed()
    {
        var tables = await RowLevelSecurityCatalogue.ReadAsync(identity.Database, TestContext.Current.CancellationToken);

        Assert.Contains(tables, t => t.Name == "accounts");
        Assert.Contains(tables, t => t.Name == "audit_events");
        Assert.Contains(tables, t => t.Name == "invitations");
        Assert.All(tables, table => Assert.True(table.Isolated, table.ToString()));
    }

    private const string GoodPassword = "correct horse battery staple 2026";

    private Task<HttpResponseMessage> SignUpAsync(object body) => identity.CreateClient().PostAsJsonAsync("/api/identity/tenants", body);

    private static string NewSlug() => "s" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData("short but ok")]               // 12 characters: under 15 without MFA
    [InlineData("password1234567")]            // a common password
    [InlineData("the acme labs team password")] // contains the organisation's name
    public async Task A_password_the_policy_refuses_is_a_400_on_password_and_creates_nothing(string password)
    {
        var slug = NewSlug();

        using var refused = await SignUpAsync(new { tenantName = "Acme Labs", slug, email = $"ana@{slug}.example", password, displayName = "Ana" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://poctracker.dev/problems/validation-failed", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());

        // Nothing was kept: the same slug is still free.
        using var accepted = await SignUpAsync(new { tenantName = "Acme Labs", slug, email = $"ana@{slug}.example", password = GoodPassword, displayName = "Ana" });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_taken_slug_is_409()
    {
        var slug = NewSlug();
        using var first = await SignUpAsync(new { tenantName = "One", slug, email = $"a@{slug}.example", password = GoodPassword, displayName = "A" });
        using var second = await SignUpAsync(new { tenantName = "Two", slug, email = $"b@{slug}.example", password = GoodPassword, displayName = "B" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("https://poctracker.dev/problems/conflict", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_bad_field_is_named()
    {
        using var response = await SignUpAsync(new { tenantName = "", slug = "Bad Slug!", email = "not-an-email", password = "", displayName = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "tenantName", "slug", "email", "password", "displayName" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task The_same_email_in_two_tenants_is_two_accounts_with_their_own_passwords()
    {
        var email = $"shared-{Guid.NewGuid():N}@example.com";
        var a = NewSlug();
        var b = NewSlug();
        using var first = await SignUpAsync(new { tenantName = "Tenant A", slug = a, email, password = GoodPassword, displayName = "Ana" });
        using var second = await SignUpAsync(new { tenantName = "Tenant B", slug = b, email, password = "another long passphrase 4 b", displayName = "Ana" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var (_, challenge) = OAuthFlow.NewPkce();
        var codeA = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, a, email, GoodPassword);
        Assert.False(string.IsNullOrEmpty(codeA));

        using var wrongTenant = await identity.AttemptLoginAsync(b, email, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, wrongTenant.StatusCode); // tenant B's password is another one: the form again
    }

    [Fact]
    public async Task The_longest_valid_email_signs_up_is_invited_and_logs_in()
    {
        var slug = NewSlug();
        var ownerEmail = LongestEmail('o');
        Assert.Equal(254, ownerEmail.Length);
        using var created = await SignUpAsync(new { tenantName = "Long Names", slug, email = ownerEmail, password = GoodPassword, displayName = "Ana" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var owner = new SignedUp(body.GetProperty("tenantId").GetGuid(), body.GetProperty("accountId").GetGuid(), slug, ownerEmail);

        var api = identity.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await identity.AccessTokenAsync(owner, GoodPassword, "openid identity"));
        var memberEmail = LongestEmail('m');
        using var invited = await api.PostAsJsonAsync("/api/identity/invitations", new { email = memberEmail, role = "member" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(memberEmail)), displayName = "Bruno", password = "another long passphrase 4 b" });
        var member = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, member.ToString());

        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), OAuthFlow.NewPkce().Challenge, slug, memberEmail, "another long passphrase 4 b");
        Assert.False(string.IsNullOrEmpty(code));
    }

    /// <summary>A 254-character address (the most RFC 5321 allows): a 64-character local part and a 189-character domain.</summary>
    private static string LongestEmail(char first) =>
        first + Guid.NewGuid().ToString("N") + new string('l', 31) + "@" + new string('x', 61) + "." + new string('y', 61) + "." + new string('z', 57) + ".example";
}
