using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Events leave through the outbox: one for every committed write, none for a rolled-back one.</summary>
public sealed class IntegrationEventTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private readonly TestUser user = TestUser.NewTenantOwner();

    [Fact]
    public async Task Create_update_and_delete_each_publish_their_event_after_commit()
    {
        var client = api.ClientFor(user);
        var poc = await client.CreatePocAsync("Eventos", "go", ["a"]);
        var created = await api.Events.WaitForAsync<PocCreatedIntegrationEvent>(e => e.PocId == poc.Id);
        Assert.Equal((user.TenantId, user.UserId, "Eventos", "go"), (created.TenantId, created.OwnerId, created.Name, created.Language));

        using var put = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "Eventos 2", Status = "done" }, "\"1\"");
        var updated = await api.Events.WaitForAsync<PocUpdatedIntegrationEvent>(e => e.PocId == poc.Id);
        Assert.Equal(("Eventos 2", "done", 2), (updated.Name, updated.Status, updated.Version));

        using var delete = await client.DeleteAsync($"/api/pocs/{poc.Id}");
        var deleted = await api.Events.WaitForAsync<PocDeletedIntegrationEvent>(e => e.PocId == poc.Id);
        Assert.Equal(user.TenantId, deleted.TenantId);

        // The relay delivers, then marks the row published when its batch commits: the SHARE lock waits
        // for that transaction (it holds ROW EXCLUSIVE), so the count sees the batch's outcome.
        await using var admin = api.AdminConnection();
        await admin.OpenAsync();
        await using var transaction = await admin.BeginTransactionAsync();
        await using var pending = new NpgsqlCommand(
            "lock table outbox_messages in share mode; select count(*) from outbox_messages where published_at is null", admin, transaction);
        Assert.Equal(0L, (long)(await pending.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_rolled_back_write_publishes_nothing()
    {
        var database = api.Services.GetRequiredKeyedService<TenantDatabase>(PocsModule.AppId);
        var tenantUser = new TenantUser(user.TenantId, user.UserId, new HashSet<string> { "owner" });
        var doomed = new PocDeletedIntegrationEvent(Guid.NewGuid(), user.UserId);

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.InTenantTransactionAsync<int>(tenantUser, async tx =>
        {
            await tx.PublishAfterCommitAsync(doomed);
            throw new InvalidOperationException("the write failed after the event was written");
        }, CancellationToken.None));

        // A later committed write is relayed; the outbox is ordered, so by then the doomed one would have been too.
        var poc = await api.ClientFor(user).CreatePocAsync("Depois do rollback");
        await api.Events.WaitForAsync<PocCreatedIntegrationEvent>(e => e.PocId == poc.Id);
        Assert.DoesNotContain(api.Events.All, e => e.EventId == doomed.EventId);

        await using var admin = api.AdminConnection();
        await admin.OpenAsync();
        await using var written = new NpgsqlCommand("select count(*) from outbox_messages where id = @id", admin);
        written.Parameters.AddWithValue("id", doomed.EventId);
        Assert.Equal(0L, (long)(await written.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_refused_write_publishes_nothing()
    {
        var client = api.ClientFor(user);
        var poc = await client.CreatePocAsync("Recusado");
        using var stale = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "nunca" }, "\"9\"");
        using var marker = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "marcador" }, "\"1\"");
        marker.EnsureSuccessStatusCode();

        await api.Events.WaitForAsync<PocUpdatedIntegrationEvent>(e => e.PocId == poc.Id && e.Name == "marcador");

        Assert.DoesNotContain(api.Events.All.OfType<PocUpdatedIntegrationEvent>(), e => e.Name == "nunca");
        Assert.Single(api.Events.All.OfType<PocUpdatedIntegrationEvent>(), e => e.PocId == poc.Id);
        _ = await client.GetFromJsonAsync<PocDto>($"/api/pocs/{poc.Id}");
    }
}
