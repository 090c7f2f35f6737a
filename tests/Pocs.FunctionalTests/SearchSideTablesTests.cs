using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Events;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// Tag, name and text searches read the side tables of migration 0002 (poc_tags, poc_terms,
/// poc_name_trigrams), so those must follow every write to pocs, and the visibility they carry
/// must be the POC's.
/// </summary>
public sealed class SearchSideTablesTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task Searches_follow_updates_and_deletes()
    {
        var owner = TestUser.NewTenantOwner();
        var client = api.ClientFor(owner);
        var poc = await client.CreatePocAsync("Roteador de eventos", "go", ["mensageria"], description: "Fan-out com NATS");

        Assert.Equal(["Roteador de eventos"], await client.SearchNamesAsync("tags=mensageria"));
        Assert.Equal(["Roteador de eventos"], await client.SearchNamesAsync("name=teador"));
        Assert.Equal(["Roteador de eventos"], await client.SearchNamesAsync("q=nats"));

        using var updated = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "Balanceador de carga", Tags = ["redes"], Description = "Com Envoy" }, $"\"{poc.Version}\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        Assert.Empty(await client.SearchNamesAsync("tags=mensageria"));
        Assert.Empty(await client.SearchNamesAsync("name=teador"));
        Assert.Empty(await client.SearchNamesAsync("q=nats"));
        Assert.Equal(["Balanceador de carga"], await client.SearchNamesAsync("tags=redes"));
        Assert.Equal(["Balanceador de carga"], await client.SearchNamesAsync("name=anceador"));
        Assert.Equal(["Balanceador de carga"], await client.SearchNamesAsync("q=envoy"));

        using var deleted = await client.DeleteAsync($"/api/pocs/{poc.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Empty(await client.SearchNamesAsync("tags=redes"));
        Assert.Equal(0L, await SideRowsAsync(owner.TenantId));
    }

    [Fact]
    public async Task A_private_poc_is_found_by_its_owner_and_admins_only_and_counted_so()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var colleague = owner.Colleague();
        await api.ClientFor(member).CreatePocAsync("Cofre de segredos", tags: ["seguranca"], visibility: "private", description: "Vault");
        await api.ClientFor(colleague).CreatePocAsync("Cofre compartilhado", tags: ["seguranca"], description: "Vault");

        foreach (var search in new[] { "tags=seguranca", "name=cofre", "q=vault", "q=vault&sort=newest", "tags=seguranca&q=vault&name=cofre" })
        {
            var seenByColleague = await api.ClientFor(colleague).SearchAsync(search);
            Assert.Equal(["Cofre compartilhado"], seenByColleague.Items.Select(p => p.Name));
            Assert.Equal(1, seenByColleague.Total);
            Assert.Equal(2, (await api.ClientFor(member).SearchAsync(search)).Total);
            Assert.Equal(2, (await api.ClientFor(owner).SearchAsync(search)).Total);
        }
    }

    [Fact]
    public async Task Making_a_poc_private_hides_it_from_colleagues_searches()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var poc = await api.ClientFor(member).CreatePocAsync("Rascunho de arquitetura", tags: ["arquitetura"]);
        Assert.Single(await api.ClientFor(owner.Colleague()).SearchNamesAsync("tags=arquitetura"));

        using var updated = await api.ClientFor(member).PutPocAsync(
            poc.Id, new PocWriteRequest { Name = poc.Name, Tags = ["arquitetura"], Visibility = "private" }, $"\"{poc.Version}\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        Assert.Empty(await api.ClientFor(owner.Colleague()).SearchNamesAsync("tags=arquitetura"));
        Assert.Single(await api.ClientFor(member).SearchNamesAsync("tags=arquitetura"));
    }

    [Fact]
    public async Task Account_deletion_removes_and_hands_over_the_side_rows_too()
    {
        var owner = TestUser.NewTenantOwner();
        var leaving = owner.Colleague();
        await api.ClientFor(leaving).CreatePocAsync("Diário pessoal", tags: ["notas"], visibility: "private");
        await api.ClientFor(leaving).CreatePocAsync("Guia do time", tags: ["notas"]);

        await api.Services.GetRequiredService<IEventBus>().PublishAsync(
            new UserDeletedIntegrationEvent(leaving.UserId, owner.UserId) { TenantId = owner.TenantId }, CancellationToken.None);

        var remaining = await api.ClientFor(owner).SearchAsync("tags=notas");
        Assert.Equal(["Guia do time"], remaining.Items.Select(p => p.Name));
        Assert.Equal(owner.UserId, remaining.Items[0].OwnerId);
        Assert.Empty(await api.ClientFor(owner).SearchNamesAsync("q=diario"));
        await using var connection = api.AdminConnection();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "select count(*) from poc_tags where tenant_id = @TenantId and private_owner is not null", new { owner.TenantId }));
    }

    [Theory]
    [InlineData("ra", new[] { "Rascunho", "Integração", "Go rápido" })]
    [InlineData("çã", new[] { "Integração" })]
    [InlineData("o r", new[] { "Go rápido" })]
    [InlineData("%", new[] { "50% off" })]
    public async Task Names_too_short_for_trigrams_are_matched_all_the_same(string part, string[] expected)
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        foreach (var name in new[] { "Rascunho", "Integração", "Go rápido", "50% off", "Nada" })
        {
            await client.CreatePocAsync(name);
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), (await client.SearchNamesAsync($"name={Uri.EscapeDataString(part)}&sort=name")).Order(StringComparer.Ordinal));
    }

    private async Task<long> SideRowsAsync(Guid tenantId)
    {
        await using var connection = api.AdminConnection();
        return await connection.ExecuteScalarAsync<long>(
            """
            select (select count(*) from poc_tags where tenant_id = @tenantId) + (select count(*) from poc_terms where tenant_id = @tenantId)
                 + (select count(*) from poc_name_trigrams where tenant_id = @tenantId)
            """, new { tenantId });
    }
}
