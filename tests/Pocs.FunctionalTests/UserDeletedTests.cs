using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Events;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>LGPD: when a person deletes their account, the pocs app erases what was theirs alone and hands over what they shared.</summary>
public sealed class UserDeletedTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task Private_pocs_are_deleted_and_shared_ones_pass_to_the_successor_idempotently()
    {
        var owner = TestUser.NewTenantOwner();
        var leaving = owner.Colleague();
        var colleague = owner.Colleague();
        var leavingClient = api.ClientFor(leaving);
        var secret = await leavingClient.CreatePocAsync("Só meu", visibility: "private");
        var shared = await leavingClient.CreatePocAsync("Para o time", visibility: "tenant");
        var others = await api.ClientFor(colleague).CreatePocAsync("Do colega", visibility: "private");
        var otherTenant = TestUser.NewTenantOwner();
        var elsewhere = await api.ClientFor(otherTenant).CreatePocAsync("Outro tenant");

        // An import job of the leaving person's and one of a colleague's (as the job store writes them).
        await InsertImportJobAsync(owner.TenantId, leaving.UserId, "leaving-login");
        await InsertImportJobAsync(owner.TenantId, colleague.UserId, "colleague-login");

        var deletion = new UserDeletedIntegrationEvent(leaving.UserId, owner.UserId) { TenantId = owner.TenantId };
        var bus = api.Services.GetRequiredService<IEventBus>();
        await bus.PublishAsync(deletion, CancellationToken.None);
        await bus.PublishAsync(deletion, CancellationToken.None); // redelivery

        var ownerClient = api.ClientFor(owner);
        using var gone = await ownerClient.GetAsync($"/api/pocs/{secret.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var handedOver = await ownerClient.GetFromJsonAsync<PocDto>($"/api/pocs/{shared.Id}");
        Assert.Equal((owner.UserId, 2), (handedOver!.OwnerId, handedOver.Version));
        Assert.Equal(colleague.UserId, (await ownerClient.GetFromJsonAsync<PocDto>($"/api/pocs/{others.Id}"))!.OwnerId);
        Assert.Equal(otherTenant.UserId, (await api.ClientFor(otherTenant).GetFromJsonAsync<PocDto>($"/api/pocs/{elsewhere.Id}"))!.OwnerId);

        await api.Events.WaitForAsync<PocDeletedIntegrationEvent>(e => e.PocId == secret.Id);
        await api.Events.WaitForAsync<PocUpdatedIntegrationEvent>(e => e.PocId == shared.Id && e.OwnerId == owner.UserId);
        Assert.Single(api.Events.All.OfType<PocDeletedIntegrationEvent>(), e => e.PocId == secret.Id);
        Assert.Equal(["colleague-login"], await ImportJobLoginsAsync(owner.TenantId));
    }

    private async Task InsertImportJobAsync(Guid tenantId, Guid createdBy, string login)
    {
        await using var connection = api.AdminConnection();
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            insert into github_import_jobs (tenant_id, id, created_by, login, status, total, created_at)
            values (@tenant, @id, @createdBy, @login, 'succeeded', 1, now())
            """, connection);
        insert.Parameters.AddWithValue("tenant", tenantId);
        insert.Parameters.AddWithValue("id", Guid.NewGuid());
        insert.Parameters.AddWithValue("createdBy", createdBy);
        insert.Parameters.AddWithValue("login", login);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ImportJobLoginsAsync(Guid tenantId)
    {
        await using var connection = api.AdminConnection();
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("select login from github_import_jobs where tenant_id = @tenant order by login", connection);
        select.Parameters.AddWithValue("tenant", tenantId);
        var logins = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            logins.Add(reader.GetString(0));
        }

        return logins;
    }
}
