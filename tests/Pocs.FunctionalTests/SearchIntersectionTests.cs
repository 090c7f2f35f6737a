using Dapper;
using PocTracker.Pocs.Search;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// Ranked free text whose keys are all common (over <see cref="PocSearchSql.FrequencyCap"/> entries
/// each) but which few POCs have together: the search intersects the keys' lists instead of walking
/// one of them. It must still find exactly the POCs the plain definition over pocs finds.
/// </summary>
public sealed class SearchIntersectionTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>, IAsyncLifetime
{
    private const int Pocs = 2_500;
    private readonly TestUser owner = TestUser.NewTenantOwner();

    public async ValueTask InitializeAsync()
    {
        // "alfa" in the first 1,200 descriptions, "beta" from the 1,151st on: 50 POCs have both.
        // Tag "comum" on all but every tenth; language go on every other one; a fifth are private.
        await using var connection = api.AdminConnection();
        await connection.ExecuteAsync(
            """
            insert into pocs (tenant_id, id, owner_id, name, description, language, tags, status, visibility, created_at, updated_at)
            select @TenantId, gen_random_uuid(), @Owner, 'Item ' || i,
                   concat_ws(' ', case when i <= 1200 then 'alfa' end, case when i > 1150 then 'beta' end, 'texto'),
                   case when i % 2 = 0 then 'go' else 'rust' end,
                   case when i % 10 = 0 then array['raro'] else array['comum'] end,
                   'idea', case when i % 5 = 0 then 'private' else 'tenant' end,
                   timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-06-01'
            from generate_series(1, @Pocs) as i
            """,
            new { owner.TenantId, Owner = owner.UserId, Pocs });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("q=alfa%20beta", "search_document @@ to_tsquery('simple', 'alfa:* & beta:*')")]
    [InlineData("q=alfa%20beta&tags=comum", "search_document @@ to_tsquery('simple', 'alfa:* & beta:*') and tags_folded && array['comum']")]
    [InlineData("q=alfa%20beta&tags=comum&language=go", "search_document @@ to_tsquery('simple', 'alfa:* & beta:*') and tags_folded && array['comum'] and language = 'go'")]
    [InlineData("q=alfa%20texto&tags=raro", "search_document @@ to_tsquery('simple', 'alfa:* & texto:*') and tags_folded && array['raro']")]
    public async Task Common_keys_with_few_pocs_in_common_find_every_match(string search, string definition)
    {
        await using var connection = api.AdminConnection();
        var expected = (await connection.QueryAsync<string>(
            $"select name from pocs where tenant_id = @TenantId and {definition}", new { owner.TenantId })).ToList();

        var client = api.ClientFor(owner);
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.SearchAsync($"{search}&limit=17" + (cursor is null ? "" : "&cursor=" + cursor));
            names.AddRange(page.Items.Select(p => p.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.InRange(expected.Count, 1, PocSearchSql.CandidateCap);
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
