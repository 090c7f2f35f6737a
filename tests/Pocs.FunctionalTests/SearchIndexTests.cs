using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Search.Index;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// The in-memory search index never answers from an old state: whatever wrote to the tenant's POCs
/// (this app, another replica, SQL past the app), the next search sees it, because every search
/// checks the tenant's change version in the same round trip as its rows.
/// </summary>
public sealed class SearchIndexTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task Writes_made_past_this_app_are_in_the_next_search()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var client = api.ClientFor(member);
        var kept = await client.CreatePocAsync("Fila de pedidos", tags: ["indice"]);
        var renamed = await client.CreatePocAsync("Painel antigo", tags: ["indice"]);
        var deleted = await client.CreatePocAsync("Gateway removido", tags: ["indice"]);
        var hidden = await api.ClientFor(owner.Colleague()).CreatePocAsync("Busca de outro", tags: ["indice"]);
        Assert.Equal(4, (await SearchByIndexAsync(client, "tags=indice")).Items.Count);

        // As another replica would: straight to the database, where this app's index cannot see it.
        await using (var connection = api.AdminConnection())
        {
            await connection.ExecuteAsync(
                """
                insert into pocs (tenant_id, id, owner_id, name, tags, status, visibility, created_at, updated_at)
                values (@TenantId, gen_random_uuid(), @UserId, 'Relatório novo', array['indice'], 'idea', 'tenant', now(), now());
                update pocs set name = 'Painel renovado', updated_at = now() where tenant_id = @TenantId and id = @Renamed;
                delete from pocs where tenant_id = @TenantId and id = @Deleted;
                update pocs set visibility = 'private' where tenant_id = @TenantId and id = @Hidden;
                """,
                new { member.TenantId, member.UserId, Renamed = renamed.Id, Deleted = deleted.Id, Hidden = hidden.Id });
        }

        var names = (await SearchByIndexAsync(client, "tags=indice&sort=oldest")).Items.Select(p => p.Name);
        Assert.Equal([kept.Name, "Painel renovado", "Relatório novo"], names);
        Assert.Equal(["Painel renovado"], (await SearchByIndexAsync(client, "name=renov")).Items.Select(p => p.Name));
        Assert.Empty((await SearchByIndexAsync(client, "q=removido")).Items);
        Assert.Equal(["Relatório novo"], (await SearchByIndexAsync(client, "q=relatorio")).Items.Select(p => p.Name));
    }

    [Fact]
    public async Task Searches_during_concurrent_writes_end_with_every_write_found()
    {
        var owner = TestUser.NewTenantOwner();
        var writers = Enumerable.Range(0, 4).Select(_ => api.ClientFor(owner.Colleague())).ToArray();
        var reader = api.ClientFor(owner);
        await SearchByIndexAsync(reader, "tags=concorrente");

        using var done = new CancellationTokenSource();
        var searching = Task.Run(async () =>
        {
            var searches = 0;
            while (!done.IsCancellationRequested)
            {
                var page = await reader.SearchAsync("tags=concorrente&limit=100");
                Assert.Equal(page.Items.Count, page.Items.DistinctBy(p => p.Id).Count());
                searches++;
            }

            return searches;
        });
        await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await writer.CreatePocAsync($"Escritor {w} item {i}", tags: ["concorrente"]);
            }
        })));
        await done.CancelAsync();
        Assert.True(await searching > 0);

        var all = await SearchByIndexAsync(reader, "tags=concorrente&limit=100");
        Assert.Equal(80, all.Items.Count);
        Assert.Equal(80, all.Total);
    }

    [Fact]
    public async Task Past_the_change_limit_the_tenant_is_reloaded_and_results_stay_exact()
    {
        await using var factory = api.WithWebHostBuilder(builder => builder.UseSetting("Pocs:Search:Index:MaxChanges", "3"));
        var owner = TestUser.NewTenantOwner();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(owner));
        var created = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await client.CreatePocAsync($"Recarga {i:00}", tags: ["recarga"], description: i % 2 == 0 ? "par" : "impar")).Name);
            var page = await SearchByIndexAsync(client, "tags=recarga&sort=oldest&limit=100");
            Assert.Equal(created, page.Items.Select(p => p.Name));
            Assert.Equal(created.Where((_, n) => n % 2 == 0), (await SearchByIndexAsync(client, "q=par&sort=oldest&limit=100")).Items.Select(p => p.Name));
        }
    }

    [Fact]
    public async Task A_big_tenant_is_answered_by_the_database_until_its_index_is_loaded()
    {
        await using var factory = api.WithWebHostBuilder(builder => builder.UseSetting("Pocs:Search:Index:InlineLoadMaxPocs", "2"));
        var owner = TestUser.NewTenantOwner();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(owner));
        for (var i = 0; i < 3; i++)
        {
            await client.CreatePocAsync($"Grande {i}", tags: ["grande"]);
        }

        using var first = await client.GetAsync("/api/pocs?tags=grande&sort=oldest");
        var page = (await first.Content.ReadFromJsonAsync<PocPage>())!;

        Assert.Contains("desc=\"database\"", string.Join(",", first.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.Equal(["Grande 0", "Grande 1", "Grande 2"], page.Items.Select(p => p.Name));
    }

    [Fact]
    public async Task Past_the_replica_budget_the_least_recently_searched_tenant_is_dropped_and_a_tenant_over_it_is_not_indexed()
    {
        await using var factory = api.WithWebHostBuilder(builder => builder.UseSetting("Pocs:Search:Index:MaxIndexedPocs", "5"));
        var store = factory.Services.GetRequiredService<SearchIndexStore>();
        using var first = ClientOf(factory);
        using var second = ClientOf(factory);
        using var big = ClientOf(factory);
        foreach (var (client, pocs) in new[] { (first, 3), (second, 3), (big, 6) })
        {
            for (var i = 0; i < pocs; i++)
            {
                await client.CreatePocAsync($"Orçamento {i}", tags: ["orcamento"]);
            }
        }

        Assert.Equal(3, (await SearchByIndexAsync(first, "tags=orcamento")).Items.Count);
        Assert.Equal(3, store.IndexedPocs);
        Assert.Equal(3, (await SearchByIndexAsync(second, "tags=orcamento")).Items.Count);
        Assert.Equal(3, store.IndexedPocs); // the first tenant's index made room
        Assert.Equal(3, (await SearchByIndexAsync(first, "tags=orcamento")).Items.Count); // loaded again
        Assert.Equal(3, store.IndexedPocs);

        using var response = await big.GetAsync("/api/pocs?tags=orcamento");
        Assert.Contains("desc=\"database\"", string.Join(",", response.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        Assert.Equal(6, (await response.Content.ReadFromJsonAsync<PocPage>())!.Items.Count);
        Assert.Equal(3, store.IndexedPocs);
    }

    private static HttpClient ClientOf(WebApplicationFactory<PocsEntryPoint> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(TestUser.NewTenantOwner()));
        return client;
    }

    private static async Task<PocPage> SearchByIndexAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/pocs?" + query);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("desc=\"index\"", string.Join(",", response.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        return (await response.Content.ReadFromJsonAsync<PocPage>())!;
    }
}
