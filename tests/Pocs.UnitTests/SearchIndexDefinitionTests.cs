using PocTracker.Pocs.Search.Index;

namespace PocTracker.Pocs.UnitTests;

/// <summary>
/// The index's lists, bitsets, early stops and cursors against the definition: for random POCs and
/// random searches, walking every page through its cursor must give exactly the POCs that
/// <see cref="ChangedPocMatcher"/> accepts one by one, in the order's sort, with the capped count —
/// on a freshly built segment and on one with changes (edits, deletions, new POCs) applied on top.
/// </summary>
public sealed class SearchIndexDefinitionTests
{
    private static readonly string[] Tags = ["backend", "dados", "pagamentos", "raro", "kafka", "seguranca"];
    private static readonly string[] Words = ["busca", "buscador", "painel", "pedidos", "pedra", "kafka", "fila", "logs", "relatorio", "x1"];
    private static readonly string[] Languages = ["csharp", "go", "python"];
    private static readonly string[] Statuses = ["idea", "in-progress", "done", "dropped"];
    private static readonly Guid[] Users = [.. Enumerable.Range(1, 4).Select(i => new Guid(i, 0, 0, new byte[8]))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_search_walks_to_what_the_definition_selects(int seed)
    {
        var random = new Random(seed);
        var pocs = Enumerable.Range(0, 1_500).Select(i => RandomPoc(random, i)).ToList();
        var index = new TenantSearchIndex(new IndexSegment(pocs), version: 1);

        // Edits, deletions and new POCs on top of the segment, as a catch-up applies them.
        var changes = new List<(Guid, IndexedPoc?)>();
        foreach (var poc in pocs.OrderBy(_ => random.Next()).Take(60))
        {
            changes.Add((poc.Id, random.Next(3) == 0 ? null : RandomPoc(random, random.Next(2_000), poc.Id)));
        }

        changes.AddRange(Enumerable.Range(0, 40).Select(i => { var poc = RandomPoc(random, 1_500 + i); return (poc.Id, (IndexedPoc?)poc); }));
        var changed = index.With(changes, version: 2);
        var current = pocs.Where(p => changes.All(c => c.Item1 != p.Id)).Concat(changes.Select(c => c.Item2).OfType<IndexedPoc>()).ToList();

        for (var i = 0; i < 150; i++)
        {
            var query = RandomQuery(random);
            AssertWalk(index, pocs, query);
            AssertWalk(changed, current, query);
        }
    }

    private static void AssertWalk(TenantSearchIndex index, List<IndexedPoc> pocs, IndexQuery query)
    {
        var expected = pocs
            .Select(p => (Poc: p, Match: ChangedPocMatcher.Matches(p, query, out var score), Score: score))
            .Where(x => x.Match)
            .Select(x => (x.Poc.Id, Position: new IndexPosition(query.Order switch
            {
                IndexOrder.Relevance => IndexPosition.ValueOf(x.Score),
                IndexOrder.Updated => x.Poc.UpdatedTicks,
                _ => x.Poc.CreatedTicks,
            }, x.Poc.IdKey)))
            .ToList();
        expected.Sort((a, b) => query.Descending ? b.Position.CompareTo(a.Position) : a.Position.CompareTo(b.Position));

        var walked = new List<Guid>();
        var page = index.Search(query);
        Assert.Equal(Math.Min(expected.Count, query.CountCap), page.Total);
        while (true)
        {
            walked.AddRange(page.Hits.Select(h => h.Id));
            if (page.Hits.Count < query.PageSize)
            {
                break;
            }

            page = index.Search(query with { After = page.Hits[^1].Position });
        }

        Assert.Equal(expected.Select(e => e.Id), walked);
    }

    private static IndexedPoc RandomPoc(Random random, int i, Guid? id = null)
    {
        var words = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Words[random.Next(Words.Length)]).ToArray();
        var tags = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Tags[Math.Min(random.Next(Tags.Length), random.Next(Tags.Length))]).ToArray();
        var nameWords = words.Take(2).ToArray();
        var terms = words.Concat(tags).Distinct().ToArray();
        var weights = terms.Select(t => nameWords.Contains(t) ? 1.0f : tags.Contains(t) ? 0.4f : 0.2f).ToArray();
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i / 3); // ties on time: the id decides
        return new IndexedPoc(
            id ?? Guid.NewGuid(), Users[random.Next(Users.Length)], random.Next(4) == 0, string.Join(' ', nameWords) + $" nº {i}",
            random.Next(10) == 0 ? null : Languages[random.Next(Languages.Length)], Statuses[random.Next(Statuses.Length)],
            tags, terms, weights, created, created.AddMinutes(random.Next(10_000)));
    }

    private static IndexQuery RandomQuery(Random random)
    {
        T? Maybe<T>(T value, int outOf) => random.Next(outOf) == 0 ? value : default;
        var order = (IndexOrder)random.Next(4);
        var words = Enumerable.Range(0, random.Next(order == IndexOrder.Relevance ? 1 : 0, 3))
            .Select(_ => Words[random.Next(Words.Length)]).Select(w => w[..Math.Min(w.Length, random.Next(1, 4))]).Distinct().ToArray();
        return new IndexQuery(
            Tags: [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Tags[random.Next(Tags.Length)]).Distinct()],
            AllTags: random.Next(2) == 0,
            NamePattern: Maybe(new[] { "bu", "pedi", "a p", "nº 1", "x", "nº 14" }[random.Next(6)], 3),
            Words: words,
            Language: Maybe(Languages[random.Next(Languages.Length)], 3),
            Statuses: random.Next(3) == 0 ? [Statuses[random.Next(4)], Statuses[random.Next(4)]] : [],
            OnlyMine: random.Next(6) == 0,
            Order: order,
            After: null,
            PageSize: random.Next(2, 40),
            CountCap: 101,
            UserId: Users[random.Next(Users.Length)],
            IsAdmin: random.Next(3) == 0);
    }
}
