using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>LGPD: a person exports what the identity app holds about them, and deletes their account.</summary>
public sealed partial class AccountAdministrationTests
{
    [Fact]
    public async Task A_person_downloads_their_identity_data_as_json()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);

        using var response = await api.GetAsync("/api/identity/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(owner.Email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(owner.Slug, export.GetProperty("tenant").GetProperty("slug").GetString());
        var kinds = export.GetProperty("securityEvents").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.Contains("sign-up", kinds);
        Assert.Contains("login", kinds);
        Assert.DoesNotContain("password", export.GetProperty("account").ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deleting_ones_account_needs_the_password_removes_it_and_publishes_user_deleted_in_the_same_transaction()
    {
        var owner = await identity.SignUpAsync(Password);
        var ownerApi = await ApiAsync(owner, Password);
        var member = await JoinAsync(owner, ownerApi, "member");
        var memberApi = await ApiAsync(member, NewcomerPassword);

        using var wrongPassword = await memberApi.PostAsJsonAsync("/api/identity/me/delete", new { password = "not my password at all" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Contains(await AccountIdsAsync(ownerApi), id => id == member.AccountId);

        using var deleted = await memberApi.PostAsJsonAsync("/api/identity/me/delete", new { password = NewcomerPassword });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.DoesNotContain(await AccountIdsAsync(ownerApi), id => id == member.AccountId);
        await using (var admin = new NpgsqlConnection(identity.Database.Migrations))
        {
            await admin.OpenAsync();
            await using var transaction = await admin.BeginTransactionAsync();
            await using (var tenant = new NpgsqlCommand($"select set_config('app.tenant_id', '{owner.TenantId}', true)", admin, transaction))
            {
                await tenant.ExecuteScalarAsync();
            }

            await using var outbox = new NpgsqlCommand(
                "select payload::text from outbox_messages where topic = 'UserDeletedIntegrationEvent' and payload->>'userId' = @id", admin, transaction);
            outbox.Parameters.AddWithValue("id", member.AccountId.ToString());
            var payload = JsonDocument.Parse((string)(await outbox.ExecuteScalarAsync())!).RootElement;
            Assert.Equal(owner.AccountId, payload.GetProperty("successorId").GetGuid());
            Assert.Equal(owner.TenantId, payload.GetProperty("tenantId").GetGuid());
        }

        // Gone for good: the login page answers as for anyone unknown.
        using var login = await identity.AttemptLoginAsync(member.Slug, member.Email, NewcomerPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task The_last_active_owner_cannot_delete_their_account()
    {
        var owner = await identity.SignUpAsync(Password);
        var api = await ApiAsync(owner, Password);

        using var refused = await api.PostAsJsonAsync("/api/identity/me/delete", new { password = Password });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(await AccountIdsAsync(api), id => id == owner.AccountId);
    }

    private static async Task<Guid[]> AccountIdsAsync(HttpClient adminApi) =>
        [.. (await adminApi.GetFromJsonAsync<JsonElement>("/api/identity/accounts")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];
}
