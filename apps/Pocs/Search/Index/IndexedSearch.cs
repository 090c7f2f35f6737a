using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// A search answered from the tenant's in-memory index: the index picks the page's POCs and counts
/// the matches; one round trip then reads those rows from <c>pocs</c> (under row-level security and
/// the visibility rule, as every read) together with the tenant's change version. The rows are read
/// before the version, so an unchanged version proves no write landed between the index's answer and
/// the rows; otherwise the index catches up and the search runs again.
/// </summary>
internal sealed class IndexedSearch(SearchIndexStore store, IOptions<SearchIndexOptions> options)
{
    private const int MaxAttempts = 3;
    private const int MaxFoldedTexts = 50_000;

    // Texts folded by the database (poc_fold: unaccent + lower; a query word into its terms), so the index
    // compares what the SQL compares; a search's texts repeat, so each is asked once (cleared when it grows too big).
    private readonly ConcurrentDictionary<SearchText, string> folded = new();

    /// <summary>
    /// The page (up to <c>query.Limit + 1</c> rows, with their sort keys) and the capped count; null when
    /// the index does not answer this search: disabled, sort by name (the database's collation orders
    /// names), a cursor in another format, a big tenant still loading, or a tenant changing faster than
    /// it catches up. PostgreSQL then answers.
    /// </summary>
    public async Task<(List<PocRow> Rows, int Total)?> TrySearchAsync(
        TenantDatabase database, TenantUser user, PocSearchQuery query, int countCap, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || OrderOf(query.Sort) is not { } order)
        {
            return null;
        }

        IndexPosition? after = null;
        if (query.Cursor is { } cursor && (after = SortKeyText.TryParse(order, cursor.Key, cursor.Id)) is null)
        {
            return null;
        }

        var index = await store.GetAsync(database, user, cancellationToken);
        if (index is null)
        {
            return null;
        }

        SearchText[] asked =
        [
            .. query.Tags.Select(tag => new SearchText(tag, IsQueryWord: false)),
            .. query.Words.Select(word => new SearchText(word, IsQueryWord: true)),
            .. query.NameContains is null ? Array.Empty<SearchText>() : [new SearchText(query.NameContains, IsQueryWord: false)],
        ];
        var texts = await FoldAsync(database, user, asked, cancellationToken);
        var indexQuery = new IndexQuery(
            Tags: [.. query.Tags.Select(tag => texts[new(tag, false)]).Distinct(StringComparer.Ordinal)],
            AllTags: query.AllTags,
            NamePattern: query.NameContains is null ? null : texts[new(query.NameContains, false)],
            Words: [.. query.Words.SelectMany(word => texts[new(word, true)].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)],
            Language: query.Language,
            Statuses: query.Statuses,
            OnlyMine: query.OnlyMine,
            Order: order,
            After: after,
            PageSize: query.Limit + 1,
            CountCap: countCap,
            UserId: user.UserId,
            IsAdmin: user.IsTenantAdmin);

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var page = index.Search(indexQuery);
            var (rows, version) = await ReadRowsAsync(database, user, page, cancellationToken);
            if (version == index.Version && rows.Count == page.Hits.Count)
            {
                var byId = rows.ToDictionary(row => row.Id);
                var ordered = page.Hits.Select(hit =>
                {
                    var row = byId[hit.Id];
                    row.SortKey = SortKeyText.Of(order, hit.Position);
                    return row;
                }).ToList();
                return (ordered, page.Total);
            }

            index = await store.CatchUpAsync(database, user, index, cancellationToken);
        }

        return null;
    }

    private static IndexOrder? OrderOf(string sort) => sort switch
    {
        "newest" => IndexOrder.Newest,
        "oldest" => IndexOrder.Oldest,
        "updated" => IndexOrder.Updated,
        "relevance" => IndexOrder.Relevance,
        _ => null,
    };

    private static Task<(List<PocRow> Rows, long Version)> ReadRowsAsync(TenantDatabase database, TenantUser user, IndexPage page, CancellationToken cancellationToken) =>
        database.ReadInTenantBatchAsync(
            user,
            batch =>
            {
                batch.BatchCommands.Add(SearchIndexSql.VisibleRows(user, [.. page.Hits.Select(hit => hit.Id)]));
                batch.BatchCommands.Add(SearchIndexSql.TenantVersion(user.TenantId));
            },
            async (reader, ct) =>
            {
                var rows = reader.Parse<PocRow>().AsList();
                await reader.NextResultAsync(ct);
                return (rows, await SearchIndexSql.ReadTenantVersionAsync(reader, ct));
            },
            cancellationToken);

    private async Task<Dictionary<SearchText, string>> FoldAsync(TenantDatabase database, TenantUser user, SearchText[] texts, CancellationToken cancellationToken)
    {
        var result = new Dictionary<SearchText, string>();
        var missing = new List<SearchText>();
        foreach (var text in texts.Distinct())
        {
            if (folded.TryGetValue(text, out var known))
            {
                result[text] = known;
            }
            else
            {
                missing.Add(text);
            }
        }

        if (missing.Count > 0)
        {
            var results = await database.ReadInTenantBatchAsync(
                user,
                batch => batch.BatchCommands.Add(SearchIndexSql.Folded([.. missing.Select(t => t.Text)], [.. missing.Select(t => t.IsQueryWord)])),
                async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetFieldValue<string[]>(0) : [],
                cancellationToken);
            if (folded.Count + missing.Count > MaxFoldedTexts)
            {
                folded.Clear();
            }

            for (var i = 0; i < missing.Count; i++)
            {
                result[missing[i]] = folded[missing[i]] = results[i];
            }
        }

        return result;
    }

    /// <summary>
    /// A text of the query as the database must fold it: a tag or name pattern by <c>poc_fold</c>; a word of the free text
    /// into its terms (<c>poc_query_terms</c>, joined by spaces: a word may be several terms, see migration 0006).
    /// </summary>
    private readonly record struct SearchText(string Text, bool IsQueryWord);
}
