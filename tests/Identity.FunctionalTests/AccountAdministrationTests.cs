using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;

namespace PocTracker.Identity.FunctionalTests;

public sealed partial class AccountAdministrationTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";
    private const string NewcomerPassword = "a new colleague's long passphrase 2026";
    private const string IdentityScope = "openid identity";

    [Fact]
    public async Task An_invited_person_accepts_with_the_mailed_link_and_logs_in_with_the_role_given()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);
        var email = $"bruno@{owner.Slug}.example";

        using var invited = await api.PostAsJsonAsync("/api/identity/invitations", new { email, role = "member" });
        var invitation = await ReadAsync(invited, HttpStatusCode.Created);
        Assert.Equal(email, invitation.GetProperty("email").GetString());
        Assert.Equal("member", invitation.GetProperty("role").GetString());
        Assert.InRange(invitation.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.99), TimeSpan.FromDays(7));
        Assert.DoesNotContain("token", invitation.ToString(), StringComparison.OrdinalIgnoreCase);

        var pending = await ReadAsync(await api.GetAsync("/api/identity/invitations"), HttpStatusCode.OK);
        Assert.Equal(invitation.GetProperty("id").GetGuid(), Assert.Single(pending.EnumerateArray()).GetProperty("id").GetGuid());

        var mail = identity.MailTo(email);
        Assert.Contains("Subject: You are invited to Acme Labs on PocTracker", mail, StringComparison.Ordinal);
        Assert.Contains($"\"{owner.Slug}\"", mail, StringComparison.Ordinal);
        var token = IdentityFixture.InvitationTokenIn(mail);

        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token, displayName = "Bruno Lima", password = NewcomerPassword });
        var account = await ReadAsync(accepted, HttpStatusCode.Created);
        Assert.Equal(owner.TenantId, account.GetProperty("tenantId").GetGuid());
        Assert.Equal(owner.Slug, account.GetProperty("slug").GetString());
        Assert.Equal("member", account.GetProperty("role").GetString());

        // The newcomer logs in through the code flow like anyone, and the token says member.
        var newcomer = new SignedUp(owner.TenantId, account.GetProperty("accountId").GetGuid(), owner.Slug, email);
        var jwt = new JsonWebToken(await identity.AccessTokenAsync(newcomer, NewcomerPassword, IdentityScope));
        Assert.Equal(newcomer.AccountId.ToString(), jwt.Subject);
        Assert.Equal("member", jwt.GetClaim("role").Value);

        // Single use: the same link again is as unknown as a made-up one.
        using var again = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token, displayName = "Mallory", password = "someone else's long passphrase" });
        Assert.Equal("not-found", (await ReadAsync(again, HttpStatusCode.NotFound)).GetProperty("code").GetString());

        Assert.Empty((await ReadAsync(await api.GetAsync("/api/identity/invitations"), HttpStatusCode.OK)).EnumerateArray());
        var accounts = await ReadAsync(await api.GetAsync("/api/identity/accounts"), HttpStatusCode.OK);
        Assert.Equal([("owner", true), ("member", true)],
            accounts.EnumerateArray().Select(a => (a.GetProperty("role").GetString(), a.GetProperty("isActive").GetBoolean())).ToArray());
    }

    [Fact]
    public async Task An_expired_invitation_is_gone_and_creates_nothing()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);
        var email = $"late@{owner.Slug}.example";
        var invitation = await ReadAsync(await api.PostAsJsonAsync("/api/identity/invitations", new { email, role = "admin" }), HttpStatusCode.Created);
        var token = IdentityFixture.InvitationTokenIn(identity.MailTo(email));

        await identity.ExpireInvitationAsync(owner.TenantId, invitation.GetProperty("id").GetGuid());

        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token, displayName = "Late Comer", password = NewcomerPassword });
        var problem = await ReadAsync(accepted, HttpStatusCode.Gone);
        Assert.Equal("https://poctracker.dev/problems/invitation-expired", problem.GetProperty("type").GetString());
        Assert.Equal("invitation-expired", problem.GetProperty("code").GetString());
        Assert.Single((await ReadAsync(await api.GetAsync("/api/identity/accounts"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await ReadAsync(await api.GetAsync("/api/identity/invitations"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_field_errors_and_a_refused_password_keeps_the_invitation_usable()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);
        var anonymous = identity.CreateClient();

        var invalid = await ReadAsync(await api.PostAsJsonAsync("/api/identity/invitations", new { email = "not an e-mail", role = "boss" }), HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", invalid.GetProperty("code").GetString());
        Assert.Equal(["email", "role"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());

        var empty = await ReadAsync(await anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["displayName", "password", "token"], empty.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());

        foreach (var unknown in new[] { "nonsense", $"{owner.TenantId:N}.{Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}" })
        {
            using var response = await anonymous.PostAsJsonAsync("/api/identity/invitations/accept", new { token = unknown, displayName = "X", password = NewcomerPassword });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var email = $"carla@{owner.Slug}.example";
        await ReadAsync(await api.PostAsJsonAsync("/api/identity/invitations", new { email, role = "member" }), HttpStatusCode.Created);
        var token = IdentityFixture.InvitationTokenIn(identity.MailTo(email));
        var weak = await ReadAsync(await anonymous.PostAsJsonAsync("/api/identity/invitations/accept",
            new { token, displayName = "Carla", password = "short" }), HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("password", out _), weak.ToString());

        await ReadAsync(await anonymous.PostAsJsonAsync("/api/identity/invitations/accept",
            new { token, displayName = "Carla", password = NewcomerPassword }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Inviting_an_email_that_already_has_an_account_here_is_a_conflict()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);

        using var response = await api.PostAsJsonAsync("/api/identity/invitations", new { email = owner.Email.ToUpperInvariant(), role = "member" });
        Assert.Equal("conflict", (await ReadAsync(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Members_administer_nothing_and_admins_neither_make_nor_touch_owners()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var admin = await JoinAsync(owner, ownerApi, "admin");
        var member = await JoinAsync(owner, ownerApi, "member");
        var memberApi = await ApiAsync(member, NewcomerPassword);
        var adminApi = await ApiAsync(admin, NewcomerPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.PostAsJsonAsync("/api/identity/invitations", new { email = $"x@{owner.Slug}.example", role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.GetAsync("/api/identity/invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.PostAsync($"/api/identity/accounts/{admin.AccountId}/deactivate", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.PostAsJsonAsync("/api/identity/invitations", new { email = $"boss@{owner.Slug}.example", role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.PutAsJsonAsync($"/api/identity/accounts/{owner.AccountId}/role", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.PostAsync($"/api/identity/accounts/{owner.AccountId}/deactivate", null)).StatusCode);

        // What admins may do: invite members and admins, promote a member, list.
        Assert.Equal(HttpStatusCode.Created, (await adminApi.PostAsJsonAsync("/api/identity/invitations", new { email = $"dora@{owner.Slug}.example", role = "admin" })).StatusCode);
        var promoted = await ReadAsync(await adminApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = "admin" }), HttpStatusCode.OK);
        Assert.Equal("admin", promoted.GetProperty("role").GetString());
        Assert.Equal(3, (await ReadAsync(await adminApi.GetAsync("/api/identity/accounts"), HttpStatusCode.OK)).GetArrayLength());

        var badRole = await ReadAsync(await adminApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = "root" }), HttpStatusCode.BadRequest);
        Assert.True(badRole.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task The_last_active_owner_can_be_neither_demoted_nor_deactivated_and_a_new_role_shows_in_the_next_token()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var admin = await JoinAsync(owner, ownerApi, "admin");

        var demoted = await ReadAsync(await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{owner.AccountId}/role", new { role = "admin" }), HttpStatusCode.Conflict);
        Assert.Equal("last-owner", demoted.GetProperty("code").GetString());
        var deactivated = await ReadAsync(await ownerApi.PostAsync($"/api/identity/accounts/{owner.AccountId}/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal("last-owner", deactivated.GetProperty("code").GetString());

        // With a second owner, the first may step down.
        var (adminTokens, _) = await LoginAsync(admin, NewcomerPassword, "openid offline_access identity");
        await ReadAsync(await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{admin.AccountId}/role", new { role = "owner" }), HttpStatusCode.OK);
        await ReadAsync(await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{owner.AccountId}/role", new { role = "member" }), HttpStatusCode.OK);

        var refreshed = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RefreshAsync(identity.CreateClient(), adminTokens.RefreshToken!));
        Assert.Equal("owner", new JsonWebToken(refreshed.AccessToken).GetClaim("role").Value);

        // The former owner's token still says owner, but the API reads the account as it is now.
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerApi.GetAsync("/api/identity/accounts")).StatusCode);
    }

    [Fact]
    public async Task Deactivation_kills_refresh_at_once_and_the_login_too()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var member = await JoinAsync(owner, ownerApi, "member");
        var (first, _) = await LoginAsync(member, NewcomerPassword, "openid offline_access identity");
        var client = identity.CreateClient();
        var second = await OAuthFlow.ReadTokensAsync(await OAuthFlow.RefreshAsync(client, first.RefreshToken!)); // refresh works while active

        var deactivated = await ReadAsync(await ownerApi.PostAsync($"/api/identity/accounts/{member.AccountId}/deactivate", null), HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("isActive").GetBoolean());

        using var refresh = await OAuthFlow.RefreshAsync(client, second.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var browser = identity.Browser();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge));
        using var login = await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, member.Slug, member.Email, NewcomerPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again, not a redirect with a code
        Assert.Contains("role=\"alert\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accounts = await ReadAsync(await ownerApi.GetAsync("/api/identity/accounts"), HttpStatusCode.OK);
        Assert.False(accounts.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == member.AccountId).GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task An_account_changed_by_its_own_requests_while_an_owner_administers_it_is_a_409_or_done_never_a_500()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var member = await JoinAsync(owner, ownerApi, "member");
        var memberApi = await ApiAsync(member, NewcomerPassword);

        // The member's wrong passwords count towards the lockout (a write to the account, outside the tenant lock the
        // administration takes) while the owner changes the role and deactivates: whoever saves second meets a changed
        // concurrency stamp.
        var administration = Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = i % 4 == 0 ? "admin" : "member" })
                : await ownerApi.PostAsync($"/api/identity/accounts/{member.AccountId}/deactivate", null);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var ownWrites = Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await memberApi.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = $"wrong {i}", newPassword = "a brand new passphrase for 2027" });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var administered = await Task.WhenAll(administration);
        var answers = administered.Concat(await Task.WhenAll(ownWrites)).ToArray();

        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"{(int)a.StatusCode} {a.Body}"));
        Assert.All(administered, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.StatusCode} {a.Body}"));
        Assert.All(administered.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.Contains("/problems/conflict", a.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivation_revokes_a_refresh_token_not_yet_used()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var member = await JoinAsync(owner, ownerApi, "member");
        var (tokens, _) = await LoginAsync(member, NewcomerPassword, "openid offline_access identity");
        Assert.True(await ValidOidcRowsAsync(member.AccountId) > 0);

        await ReadAsync(await ownerApi.PostAsync($"/api/identity/accounts/{member.AccountId}/deactivate", null), HttpStatusCode.OK);

        using var refresh = await OAuthFlow.RefreshAsync(identity.CreateClient(), tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(0, await ValidOidcRowsAsync(member.AccountId));
    }

    [Fact]
    public async Task Another_tenants_accounts_do_not_exist_for_you()
    {
        var ownerA = await identity.SignUpAsync(Password);
        var apiA = await ApiAsync(ownerA, Password);
        var memberA = await JoinAsync(ownerA, apiA, "member");
        var ownerB = await identity.SignUpAsync(Password);
        var apiB = await ApiAsync(ownerB, Password);

        var role = await ReadAsync(await apiB.PutAsJsonAsync($"/api/identity/accounts/{memberA.AccountId}/role", new { role = "admin" }), HttpStatusCode.NotFound);
        Assert.Equal("not-found", role.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.PostAsync($"/api/identity/accounts/{memberA.AccountId}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.PostAsync($"/api/identity/accounts/{ownerA.AccountId}/deactivate", null)).StatusCode);

        var listedByB = await ReadAsync(await apiB.GetAsync("/api/identity/accounts"), HttpStatusCode.OK);
        Assert.Equal([ownerB.AccountId], listedByB.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToArray());
        Assert.Empty((await ReadAsync(await apiB.GetAsync("/api/identity/invitations"), HttpStatusCode.OK)).EnumerateArray());

        // Nothing changed in A.
        var listedByA = await ReadAsync(await apiA.GetAsync("/api/identity/accounts"), HttpStatusCode.OK);
        var stillMember = listedByA.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == memberA.AccountId);
        Assert.Equal("member", stillMember.GetProperty("role").GetString());
        Assert.True(stillMember.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Every_change_and_every_refusal_is_in_the_audit_log()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var admin = await JoinAsync(owner, ownerApi, "admin");
        var member = await JoinAsync(owner, ownerApi, "member");
        var adminApi = await ApiAsync(admin, NewcomerPassword);

        await ReadAsync(await ownerApi.PutAsJsonAsync($"/api/identity/accounts/{member.AccountId}/role", new { role = "admin" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.PostAsync($"/api/identity/accounts/{owner.AccountId}/deactivate", null)).StatusCode);
        await ReadAsync(await adminApi.PostAsync($"/api/identity/accounts/{member.AccountId}/deactivate", null), HttpStatusCode.OK);

        var events = (await identity.AuditLogAsync(await identity.AccessTokenAsync(owner, Password, IdentityScope)))
            .Select(e => (
                Kind: e.GetProperty("kind").GetString(),
                Account: e.GetProperty("accountId").ValueKind == JsonValueKind.Null ? (Guid?)null : e.GetProperty("accountId").GetGuid(),
                Actor: e.GetProperty("actorId").ValueKind == JsonValueKind.Null ? (Guid?)null : e.GetProperty("actorId").GetGuid(),
                Outcome: e.GetProperty("outcome").GetString(),
                Detail: e.GetProperty("detail").GetString()))
            .ToArray();

        Assert.Equal(2, events.Count(e => e is { Kind: "invitation", Account: null, Outcome: "success" } && e.Actor == owner.AccountId));
        Assert.Contains(events, e => e.Kind == "invitation" && e.Account == admin.AccountId && e.Detail!.StartsWith("accepted invitation", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == "invitation" && e.Account == member.AccountId && e.Detail!.EndsWith("as member", StringComparison.Ordinal));
        Assert.Contains(events, e => e is { Kind: "role-change", Outcome: "success", Detail: "member → admin" } && e.Account == member.AccountId && e.Actor == owner.AccountId);
        Assert.Contains(events, e => e is { Kind: "deactivation", Outcome: "failure" } && e.Account == owner.AccountId && e.Actor == admin.AccountId);
        Assert.Contains(events, e => e is { Kind: "deactivation", Outcome: "success" } && e.Account == member.AccountId && e.Actor == admin.AccountId);
        Assert.All(events, e => Assert.DoesNotContain("token=", e.Detail ?? "", StringComparison.Ordinal));
    }

    /// <summary>An identity-API client for an account, with an access token from the real code flow.</summary>
    private async Task<HttpClient> ApiAsync(SignedUp account, string password)
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.AccessTokenAsync(account, password, IdentityScope));
        return client;
    }

    /// <summary>Invites someone with a role and accepts from the mail, as they would.</summary>
    private async Task<SignedUp> JoinAsync(SignedUp owner, HttpClient inviterApi, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..20] + $"@{owner.Slug}.example";
        await ReadAsync(await inviterApi.PostAsJsonAsync("/api/identity/invitations", new { email, role }), HttpStatusCode.Created);
        var accepted = await ReadAsync(await identity.CreateClient().PostAsJsonAsync("/api/identity/invitations/accept",
            new { token = IdentityFixture.InvitationTokenIn(identity.MailTo(email)), displayName = $"New {role}", password = NewcomerPassword }), HttpStatusCode.Created);
        return new SignedUp(owner.TenantId, accepted.GetProperty("accountId").GetGuid(), owner.Slug, email);
    }

    private async Task<(OAuthFlow.Tokens Tokens, string Verifier)> LoginAsync(SignedUp account, string password, string scope)
    {
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(identity.Browser(), challenge, account.Slug, account.Email, password, scope);
        return (await OAuthFlow.ReadTokensAsync(await OAuthFlow.RedeemCodeAsync(identity.CreateClient(), code, verifier)), verifier);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
            return string.IsNullOrEmpty(body) ? default : JsonSerializer.Deserialize<JsonElement>(body);
        }
    }

    /// <summary>The account's OpenIddict authorizations and tokens still valid (not revoked, redeemed or expired).</summary>
    private async Task<long> ValidOidcRowsAsync(Guid accountId)
    {
        await using var connection = new NpgsqlConnection(identity.Database.Migrations);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "select (select count(*) from oidc_authorizations where subject = @subject and status = 'valid') + " +
            "(select count(*) from oidc_tokens where subject = @subject and status = 'valid')", connection);
        count.Parameters.AddWithValue("subject", accountId.ToString());
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
