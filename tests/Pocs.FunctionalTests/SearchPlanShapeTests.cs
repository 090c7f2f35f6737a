using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Search;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>The searches below, answered by the tenant's in-memory search index (the default).</summary>
public sealed class SearchPlanShapeTests(SearchPlanFixture api) : SearchDefinitionTests<SearchPlanFixture>(api)
{
    protected override string ExpectedPath => "index";

    protected override bool RanksEveryMatch => true;
}

/// <summary>The same searches answered by PostgreSQL alone (index off): every plan shape of PocSearchSql.</summary>
public sealed class DatabaseSearchPlanShapeTests(DatabaseSearchFixture api) : SearchDefinitionTests<DatabaseSearchFixture>(api)
{
    protected override string ExpectedPath => "database";

    protected override bool RanksEveryMatch => false;
}

/// <summary>The pocs app with its in-memory search index switched off.</summary>
public sealed class DatabaseSearchFixture(PostgresServerFixture postgres) : SearchPlanFixture(postgres)
{
    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Pocs:Search:Index:Enabled", "false");
}

/// <summary>
/// The pocs app with one tenant of 1,300 POCs, more than <see cref="PocSearchSql.FrequencyCap"/>, with
/// common and rare tags, trigrams and words. Seeded once for the test class: its searches only read, and seeding
/// per test (a second each, the side tables' trigger filling trigrams and words) was most of the class's time.
/// </summary>
public class SearchPlanFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
{
    public const int Pocs = 1_300;

    private readonly TestUser owner = TestUser.NewTenantOwner();

    /// <summary>The member the searches run as: owns a third of the POCs; a quarter of the others' are private.</summary>
    public TestUser Member { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Member = owner.Colleague();
        var other = owner.Colleague();

        // Inserted as the superuser (past RLS) in one statement; the side tables' trigger fills them.
        // Every name has "Projeto" (common trigrams and word), tags "backend" on most, "raro" on few;
        // pairs of POCs share a created_at so the id breaks ties; a quarter are private.
        await using var connection = AdminConnection();
        await connection.ExecuteAsync(
            """
            insert into pocs (tenant_id, id, owner_id, name, description, language, tags, status, visibility, created_at, updated_at)
            select @TenantId, gen_random_uuid(), case when i % 3 = 0 then @Member else @Other end,
                   'Projeto ' || (array['Busca', 'Painel', 'Gateway', 'Fila'])[1 + i % 4] || ' de ' || (array['pedidos', 'pagamentos', 'logs'])[1 + i % 3] || ' nº ' || i,
                   case when i % 5 = 0 then 'Usa Kafka e Redis' else 'Relatórios em tempo real' end,
                   (array['python', 'go', 'csharp'])[1 + i % 3],
                   case when i % 7 = 0 then array['raro', 'dados'] when i % 2 = 0 then array['backend', 'Dados'] else array['backend'] end,
                   (array['idea', 'done'])[1 + i % 2],
                   case when i % 4 = 0 then 'private' else 'tenant' end,
                   timestamptz '2024-01-01' + (i / 2) * interval '1 hour',
                   timestamptz '2025-01-01' - (i % 97) * interval '1 hour'
            from generate_series(1, @Pocs) as i
            """,
            new { owner.TenantId, Member = Member.UserId, Other = other.UserId, Pocs });
    }
}

/// <summary>
/// A search takes one of several plan shapes depending on how common its rarest key is (see
/// PocSearchSql): the fixture's tenant has more POCs than <see cref="PocSearchSql.FrequencyCap"/>,
/// so that every shape runs; the in-memory index walks other lists for the same searches. Each
/// search, walked page by page through its cursor, must return exactly what the plain definition
/// over pocs returns (LIKE, array containment, text match, visibility), in the same order,
/// whichever path answers.
/// </summary>
public abstract class SearchDefinitionTests<TFixture>(TFixture api) : IClassFixture<TFixture>
    where TFixture : SearchPlanFixture
{
    /// <summary>What the Server-Timing header must say answered every search.</summary>
    protected abstract string ExpectedPath { get; }

    /// <summary>The index ranks every match; the SQL ranks the first <see cref="PocSearchSql.CandidateCap"/> it finds.</summary>
    protected abstract bool RanksEveryMatch { get; }

    [Theory]
    [InlineData("tags=backend", "tags_folded && array['backend']")]
    [InlineData("tags=raro", "tags_folded && array['raro']")]
    [InlineData("tags=backend&sort=oldest", "tags_folded && array['backend']")]
    [InlineData("tags=backend&sort=updated", "tags_folded && array['backend']")]
    [InlineData("tags=backend&sort=name", "tags_folded && array['backend']")]
    [InlineData("tags=backend,dados&tagMode=all", "tags_folded @> array['backend', 'dados']")]
    [InlineData("tags=raro,dados&tagMode=all", "tags_folded @> array['raro', 'dados']")]
    [InlineData("tags=raro,dados", "tags_folded && array['raro', 'dados']")]
    [InlineData("tags=backend,raro&sort=oldest", "tags_folded && array['backend', 'raro']")]
    [InlineData("name=projeto", "name_folded like '%projeto%'")]
    [InlineData("name=jeto%20busca", "name_folded like '%jeto busca%'")]
    [InlineData("name=to%20b&sort=oldest", "name_folded like '%to b%'")]
    [InlineData("name=busca&sort=updated", "name_folded like '%busca%'")]
    [InlineData("name=projeto&sort=name", "name_folded like '%projeto%'")]
    [InlineData("name=12", "name_folded like '%12%'")]
    [InlineData("name=projeto&tags=raro&language=go", "name_folded like '%projeto%' and tags_folded && array['raro'] and language = 'go'")]
    [InlineData("q=kafka&sort=newest", "search_document @@ to_tsquery('simple', 'kafka:*')")]
    [InlineData("q=proj&sort=newest", "search_document @@ to_tsquery('simple', 'proj:*')")]
    [InlineData("q=relat%20pedidos&sort=oldest", "search_document @@ to_tsquery('simple', 'relat:* & pedidos:*')")]
    [InlineData("q=proj&tags=backend&status=done&sort=updated", "search_document @@ to_tsquery('simple', 'proj:*') and tags_folded && array['backend'] and status = 'done'")]
    [InlineData("owner=me&tags=backend", "tags_folded && array['backend'] and owner_id = @UserId")]
    public async Task Every_plan_shape_returns_what_the_filters_define_in_order(string search, string definition)
    {
        var sort = search.Split('&').Select(p => p.Split('=')).FirstOrDefault(p => p[0] == "sort")?[1] ?? "newest";
        var orderBy = sort switch
        {
            "oldest" => "created_at, id",
            "updated" => "updated_at desc, id desc",
            "name" => "name_folded, id",
            _ => "created_at desc, id desc",
        };
        await using var connection = api.AdminConnection();
        var expected = (await connection.QueryAsync<string>(
            $"select name from pocs where tenant_id = @TenantId and (owner_id = @UserId or visibility = 'tenant') and {definition} order by {orderBy}",
            new { api.Member.TenantId, api.Member.UserId })).ToList();

        var (names, total, exact) = await WalkAsync(search, limit: 97);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, names);
        Assert.Equal((Math.Min(expected.Count, SearchPocs.CountCap), expected.Count <= SearchPocs.CountCap), (total, exact));
    }

    [Theory]
    [InlineData("q=kafka", "kafka:*")]
    [InlineData("q=kafka%20busca", "kafka:* & busca:*")]
    [InlineData("q=raro%20proj", "raro:* & proj:*")]
    [InlineData("q=proj&tags=raro&language=python", "proj:*")]
    public async Task Ranked_free_text_ranks_every_match_when_there_are_few(string search, string textQuery)
    {
        await using var connection = api.AdminConnection();
        var extra = search.Contains("tags=raro", StringComparison.Ordinal) ? " and tags_folded && array['raro'] and language = 'python'" : "";
        var expected = (await connection.QueryAsync<string>(
            $"select name from pocs where tenant_id = @TenantId and (owner_id = @UserId or visibility = 'tenant') and search_document @@ to_tsquery('simple', @textQuery){extra}",
            new { api.Member.TenantId, api.Member.UserId, textQuery })).ToList();

        var first = await api.ClientFor(api.Member).SearchAsync(search + "&limit=100");
        var (names, _, _) = await WalkAsync(search, limit: 13);

        Assert.InRange(expected.Count, 1, PocSearchSql.CandidateCap);
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(Math.Min(expected.Count, SearchPocs.CountCap), first.Total);
    }

    [Fact]
    public async Task Ranked_free_text_with_more_matches_than_candidates_says_the_total_is_a_lower_bound()
    {
        await using var connection = api.AdminConnection();
        var matches = await connection.ExecuteScalarAsync<int>(
            "select count(*) from pocs where tenant_id = @TenantId and (owner_id = @UserId or visibility = 'tenant') and search_document @@ to_tsquery('simple', 'projeto:*')",
            new { api.Member.TenantId, api.Member.UserId });
        var page = await api.ClientFor(api.Member).SearchAsync("q=projeto&limit=100");
        var (names, _, _) = await WalkAsync("q=projeto", limit: 100);

        Assert.InRange(matches, PocSearchSql.CandidateCap + 1, SearchPlanFixture.Pocs);
        Assert.Equal((SearchPocs.CountCap, false), (page.Total, page.TotalIsExact));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        if (RanksEveryMatch)
        {
            Assert.Equal(matches, names.Count);
        }
        else
        {
            Assert.InRange(names.Count, SearchPocs.CountCap, PocSearchSql.CandidateCap);
        }
    }

    private async Task<(List<string> Names, int Total, bool Exact)> WalkAsync(string search, int limit)
    {
        var client = api.ClientFor(api.Member);
        var names = new List<string>();
        PocPage? first = null;
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/api/pocs?{search}&limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            // Names sort by the database's collation: PostgreSQL answers those whatever the fixture.
            var path = search.Contains("sort=name", StringComparison.Ordinal) ? "database" : ExpectedPath;
            Assert.Contains($"desc=\"{path}\"", string.Join(",", response.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
            var page = (await response.Content.ReadFromJsonAsync<PocPage>())!;
            first ??= page;
            names.AddRange(page.Items.Select(p => p.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return (names, first.Total, first.TotalIsExact);
    }
}
