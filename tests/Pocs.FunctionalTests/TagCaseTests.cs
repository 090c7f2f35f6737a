using System.Net.Http.Json;
using Dapper;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// Tags are stored lower case whatever culture wrote them: the Turkish capital İ (U+0130) is stored as i,
/// letters beyond the Basic Multilingual Plane are lower-cased too, and both search paths (the in-memory
/// index and the SQL) find the tag by any spelling.
/// </summary>
public sealed class TagCaseTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dotted_capital_i_is_stored_as_i_and_found_by_every_spelling_on_both_search_paths()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        var poc = await client.CreatePocAsync("Viagem", tags: ["İstanbul", "ISTANBUL", "istanbul"]);

        Assert.Equal(["istanbul"], poc.Tags);
        foreach (var spelling in new[] { "İstanbul", "İSTANBUL", "istanbul", "Istanbul" })
        {
            var tag = Uri.EscapeDataString(spelling);
            Assert.Equal(["Viagem"], await client.SearchNamesAsync($"tags={tag}"));           // the index
            Assert.Equal(["Viagem"], await client.SearchNamesAsync($"tags={tag}&sort=name")); // PostgreSQL
        }

        var facets = await client.GetFromJsonAsync<PocFacets>("/api/pocs/facets", Cancel);
        Assert.Equal([new FacetCount("istanbul", "istanbul", 1)], facets!.Tags);
    }

    [Fact]
    public async Task Migration_0005_rewrites_tags_stored_with_the_dotted_capital_i_and_changes_their_etag()
    {
        var owner = TestUser.NewTenantOwner();
        var id = Guid.NewGuid();
        await using var connection = api.AdminConnection();
        await connection.ExecuteAsync(
            """
            insert into pocs (tenant_id, id, owner_id, name, tags, status, visibility, created_at, updated_at)
            values (@TenantId, @Id, @UserId, 'Antigo', array['İstanbul', 'go', 'istanbul', 'İzmir'], 'idea', 'tenant', now(), now())
            """,
            new { owner.TenantId, Id = id, owner.UserId });

        // As DbUp runs it: as the schema's owner (under forced RLS), in one transaction.
        await using (var owning = new NpgsqlConnection(api.Database.Migrations))
        {
            await owning.OpenAsync(Cancel);
            await using var transaction = await owning.BeginTransactionAsync(Cancel);
            await owning.ExecuteAsync(MigrationScript("0005_tags_dotted_capital_i.sql"), transaction: transaction);
            await transaction.CommitAsync(Cancel);
        }

        var client = api.ClientFor(owner);
        var poc = await client.GetFromJsonAsync<PocDto>($"/api/pocs/{id}", Cancel);
        Assert.Equal(["istanbul", "go", "izmir"], poc!.Tags);
        Assert.Equal(2, poc.Version);
        Assert.Equal(["Antigo"], await client.SearchNamesAsync("tags=izmir"));
    }

    private static string MigrationScript(string name)
    {
        var assembly = typeof(PocsModule).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal)))!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
