using System.Text;
using Dapper;
using Npgsql;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

/// <summary>
/// The SQL of a POC search: visible rows of the tenant, the filters asked for, keyset pagination
/// on the chosen order, and the capped count, in one statement.
/// <para>
/// Searches are normally answered by the tenant's in-memory index (<c>Search/Index</c>, same results);
/// this SQL answers what the index does not: <c>sort=name</c>, a big tenant while its index loads, the
/// export's pages, and every search when the index is switched off.
/// </para>
/// <para>
/// Row-level security lets PostgreSQL use only leakproof operators (<c>=</c>, <c>&lt;</c>, ...) as
/// index conditions, so tag, name and text filters go through the side tables of migration 0002
/// (<c>poc_tags</c>, <c>poc_name_trigrams</c>, <c>poc_terms</c>), where each is an equality or a
/// range on a b-tree led by tenant_id. A search runs in two steps: <see cref="KeysQuery"/> folds the
/// query's tags, name trigrams and words in the database and counts (up to
/// <see cref="FrequencyCap"/>) how common each is in the tenant; <see cref="Build"/> then starts
/// from the rarest key and checks every other one by a probe per candidate
/// (<c>cross join lateral (... limit 1)</c>: an index lookup by POC, and a nested loop that keeps
/// the starting index's newest-first order, so a page stops after its rows).
/// </para>
/// <para>The plan shapes, by what the rarest key is:</para>
/// <list type="bullet">
/// <item>rare (fewer than <see cref="FrequencyCap"/> entries): read all of it, then sort the few matches;</item>
/// <item>common and newest-first (a tag, a trigram) with sort newest or oldest: walk it in order;</item>
/// <item>otherwise the matches are dense: walk pocs in the requested order, probing each row;</item>
/// <item>ranked free text: rank the first <see cref="CandidateCap"/> matches found from the rarest key
/// (all of them when there are fewer), scoring from the side table alone.</item>
/// </list>
/// </summary>
internal static class PocSearchSql
{
    /// <summary>A key's index entries are counted up to here; below it a key is rare.</summary>
    public const int FrequencyCap = 1000;

    /// <summary>Ranked free text ranks at most this many matches (docs/performance.md, finding 3).</summary>
    public const int CandidateCap = 1000;

    // The LIKE on the name rechecks every candidate; a few trigram probes already cut them to almost only matches.
    private const int MaxTrigrams = 4;

    private sealed record Order(string Column, string Cast, bool Descending)
    {
        public string Direction => Descending ? "desc" : "asc";

        public string Comparison => Descending ? "<" : ">";

        // The cursor's key: times in one fixed format (SortKeyText), whatever the session's DateStyle and
        // TimeZone, so a cursor from the in-memory index reads here and one from here reads there.
        public string KeyText(string column) => Cast == "::timestamptz"
            ? $"to_char({column} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
            : $"{column}::text";
    }

    private static readonly Dictionary<string, Order> Orders = new(StringComparer.Ordinal)
    {
        ["newest"] = new("created_at", "::timestamptz", true),
        ["oldest"] = new("created_at", "::timestamptz", false),
        ["updated"] = new("updated_at", "::timestamptz", true),
        ["name"] = new("name_folded", "", false),
    };

    /// <summary>
    /// Folds the query's tags, name and words as stored and counts each one's entries in the tenant
    /// (rows: Kind, Value, End, Frequency); null when the query has none (it then needs no side table).
    /// </summary>
    public static (string Sql, DynamicParameters Parameters)? KeysQuery(PocSearchQuery query, TenantUser user)
    {
        var parameters = new DynamicParameters(PocAccess.Parameters(user));
        var parts = new List<string>();
        if (query.Tags.Length > 0)
        {
            parts.Add($"""
                select 'tag' as Kind, tag as Value, null::text as End,
                       (select count(*)::int from (select from poc_tags t where t.tenant_id = @TenantId and t.tag = tags.tag collate "C" limit {FrequencyCap}) c) as Frequency
                from (select distinct tag from unnest(poc_fold_all(@Tags)) as tag) tags
                """);
            parameters.Add("Tags", query.Tags);
        }

        if (query.NameContains is not null)
        {
            // The trigrams of the same folded, escaped text the LIKE uses: LIKE's special characters
            // (%, _ and the escaping \) are not letters or digits, so they only separate words.
            parts.Add($"""
                select 'trigram', trigram, null,
                       (select count(*)::int from (select from poc_name_trigrams t where t.tenant_id = @TenantId and t.trigram = g.trigram collate "C" limit {FrequencyCap}) c)
                from poc_trigrams(poc_fold(@NamePattern)) as g(trigram)
                """);
            parameters.Add("NamePattern", EscapeLike(query.NameContains));
        }

        if (query.Words.Length > 0)
        {
            parts.Add($"""
                select 'word', word, poc_prefix_end(word),
                       (select count(*)::int from (select from poc_terms t where t.tenant_id = @TenantId
                                                   and t.term >= w.word collate "C" and t.term < poc_prefix_end(w.word) collate "C" limit {FrequencyCap}) c)
                from (select distinct term as word from unnest(@Words) as word cross join lateral unnest(poc_query_terms(word)) as term) w
                """);
            parameters.Add("Words", query.Words);
        }

        return parts.Count == 0 ? null : (string.Join("\nunion all\n", parts), parameters);
    }

    /// <summary>The keys from the rows of <see cref="KeysQuery"/>, as <see cref="Build"/> uses them.</summary>
    public static IReadOnlyList<SearchKey> Keys(PocSearchQuery query, IEnumerable<(string Kind, string Value, string? End, int Frequency)> rows)
    {
        var all = rows.ToList();
        var keys = new List<SearchKey>();
        var tags = all.Where(r => r.Kind == "tag").ToList();
        if (tags.Count == 1 || (tags.Count > 1 && query.AllTags))
        {
            keys.AddRange(tags.Select(t => new SearchKey(SearchKeyKind.Tag, [t.Value], null, t.Frequency)));
        }
        else if (tags.Count > 1)
        {
            keys.Add(new SearchKey(SearchKeyKind.AnyTag, [.. tags.Select(t => t.Value)], null, Math.Min(FrequencyCap, tags.Sum(t => t.Frequency))));
        }

        keys.AddRange(all.Where(r => r.Kind == "trigram").OrderBy(r => r.Frequency).ThenBy(r => r.Value, StringComparer.Ordinal).Take(MaxTrigrams)
            .Select(r => new SearchKey(SearchKeyKind.Trigram, [r.Value], null, r.Frequency)));
        keys.AddRange(all.Where(r => r.Kind == "word").Select(r => new SearchKey(SearchKeyKind.Word, [r.Value], r.End, r.Frequency)));
        return keys;
    }

    /// <summary>
    /// The page query (one row more than the page, to know whether another page follows; each row
    /// also carries SearchTotal and SearchTruncated) and the count query alone (for an empty page).
    /// </summary>
    public static (string PageSql, string CountSql, DynamicParameters Parameters) Build(
        PocSearchQuery query, IReadOnlyList<SearchKey> keys, TenantUser user, int countCap)
    {
        var parameters = new DynamicParameters(PocAccess.Parameters(user));
        parameters.Add("PageSize", query.Limit + 1);
        parameters.Add("CountCap", countCap);
        for (var i = 0; i < keys.Count; i++)
        {
            parameters.Add($"K{i}", keys[i].Kind == SearchKeyKind.AnyTag ? keys[i].Values : keys[i].Values[0]);
            if (keys[i].End is { } end)
            {
                parameters.Add($"K{i}End", end);
            }
        }

        var filters = new StringBuilder();
        if (query.NameContains is not null)
        {
            filters.Append(" and p.name_folded like '%' || poc_fold(@NamePattern) || '%'");
            parameters.Add("NamePattern", EscapeLike(query.NameContains));
        }

        if (query.Language is not null)
        {
            filters.Append(" and p.language = @Language");
            parameters.Add("Language", query.Language);
        }

        if (query.Statuses.Length > 0)
        {
            filters.Append(" and p.status = any(@Statuses)");
            parameters.Add("Statuses", query.Statuses);
        }

        if (query.OnlyMine)
        {
            filters.Append(" and p.owner_id = @UserId");
        }

        var shape = new Shape(keys, filters.ToString(), query.Cursor);
        if (query.Cursor is { } cursor)
        {
            parameters.Add("CursorKey", cursor.Key);
            parameters.Add("CursorId", cursor.Id);
        }

        if (query.Sort == "relevance")
        {
            parameters.Add("CandidateCap", CandidateCap);
            return With(shape.Ranked(keys.OrderBy(k => k.Frequency).ThenBy(k => k.IsOrdered ? 0 : 1).First()));
        }

        // Walking a newest-first key stops as soon as the page is full and never reads more than
        // collecting it would, so it is preferred unless a key without that order is rarer and rare.
        var order = Orders[query.Sort];
        var rarest = keys.OrderBy(k => k.Frequency).ThenBy(k => k.IsOrdered ? 0 : 1).FirstOrDefault();
        var walkable = order.Column == "created_at" ? keys.Where(k => k.IsOrdered).MinBy(k => k.Frequency) : null;
        if (rarest is { IsRare: true } && (walkable is null || !rarest.IsOrdered))
        {
            return With(shape.Collected(rarest, order));
        }

        if (walkable is not null)
        {
            return With(shape.Walked(walkable, order));
        }

        return With(shape.PocsWalked(order));

        (string, string, DynamicParameters) With((string PageSql, string CountSql) sql) => (sql.PageSql, sql.CountSql, parameters);
    }

    private sealed class Shape(IReadOnlyList<SearchKey> keys, string filters, SearchCursor? cursor)
    {
        private bool HasFilters => filters.Length > 0;

        // The candidate's POC, fetched by primary key with the visibility rule and the filters on
        // pocs. A lateral subquery with LIMIT is never flattened, so this stays one lookup per
        // candidate, in the candidates' order: as a plain join the planner, misjudging how many
        // candidates pass a LIKE, sometimes preferred hashing the whole tenant's pocs.
        private string Pocs => $"cross join lateral (select * from pocs p where p.tenant_id = @TenantId and p.id = d.poc_id and {PocAccess.VisibleSqlOf("p")}{filters} limit 1) p";

        /// <summary>Read every entry of a rare key, then fetch, filter and sort the few matches.</summary>
        public (string PageSql, string CountSql) Collected(SearchKey driver, Order order)
        {
            var candidates = $"select distinct d.poc_id from {From(driver)} {Probes(driver, "d.poc_id")} where {Where(driver)}";
            var matching = $"from ({candidates}) d {Pocs} where true";
            var count = $"select count(*)::int from (select {(HasFilters ? matching : $"from ({candidates}) d")} limit @CountCap) c";
            return (Page($"p.{order.Column}", order, "p.id", matching, count), Count(count));
        }

        /// <summary>Walk a common newest-first key in order, probing the other keys, until the page is full.</summary>
        public (string PageSql, string CountSql) Walked(SearchKey driver, Order order)
        {
            var from = $"from {From(driver)} {Probes(driver, "d.poc_id")}";
            var where = $"where {Where(driver)}";
            var matching = $"{from} {Pocs} {where}";
            var count = $"select count(*)::int from (select {(HasFilters ? matching : $"{from} {where}")} limit @CountCap) c";
            return (Page("d.created_at", order, "d.poc_id", matching, count), Count(count));
        }

        /// <summary>Matches are dense: walk pocs in the requested order and probe each row.</summary>
        public (string PageSql, string CountSql) PocsWalked(Order order)
        {
            var matching = $"from pocs p {Probes(null, "p.id")} where {PocAccess.VisibleSqlOf("p")}{filters}";
            var count = $"select count(*)::int from (select {matching} limit @CountCap) c";
            return (Page($"p.{order.Column}", order, "p.id", matching, count), Count(count));
        }

        /// <summary>
        /// Ranked free text: the first CandidateCap matches in the rarest key's index order (newest
        /// first; for a word, POCs with the word itself before longer words starting with it), each
        /// scored by the sum over the query's words of the best field the word occurs in (name 1.0,
        /// tags 0.4, description 0.2), read from poc_terms without visiting pocs.
        /// </summary>
        public (string PageSql, string CountSql) Ranked(SearchKey driver)
        {
            var ranking = $"""
                with candidates as materialized ({(driver.IsRare || keys.Count < 2 ? DrivenCandidates(driver) : IntersectedCandidates())}),
                ranked as (select poc_id, max(score) as rank from candidates group by poc_id)
                """;
            var totals = "(select count(*)::int from ranked) as SearchTotal, (select count(*) from candidates) >= @CandidateCap as SearchTruncated";
            // The page is cut from the scores alone; only its rows are fetched from pocs.
            var keyset = cursor is null ? "" : "where (rank, poc_id) < (@CursorKey::real, @CursorId)";
            var page = $"""
                {ranking}
                select {PocRow.ColumnsOf("p")}, r.rank::text as SortKey, {totals}
                from (select poc_id, rank from ranked {keyset} order by rank desc, poc_id desc limit @PageSize) r
                cross join lateral (select * from pocs p where p.tenant_id = @TenantId and p.id = r.poc_id and {PocAccess.VisibleSqlOf("p")} limit 1) p
                order by r.rank desc, p.id desc
                """;
            return (page, $"{ranking}\nselect {totals}");
        }

        // The rarest key's entries in its index order, probing the other keys per entry: cheap when the
        // rarest key is rare, or when matches are dense enough to fill the candidates early.
        private string DrivenCandidates(SearchKey driver)
        {
            var scores = keys.Select((k, i) => (k, i)).Where(x => x.k.Kind == SearchKeyKind.Word)
                .Select(x => x.k == driver ? "d.weight" : $"k{x.i}.weight");
            var indexOrder = driver.IsOrdered ? "d.created_at desc, d.poc_id desc" : $"d.{Column(driver)}, d.created_at desc, d.poc_id desc";
            return $"""
                select d.poc_id, {string.Join(" + ", scores)} as score
                    from {From(driver)} {Probes(driver, "d.poc_id")} {(HasFilters ? Pocs : "")}
                    where {Where(driver)}
                    order by {indexOrder}
                    limit @CandidateCap
                """;
        }

        // Every key common: probing from one of them may walk its whole list (tens of thousands of
        // probes) when few POCs have all keys. Intersecting the keys' POC lists instead reads each list
        // once from its index (no pocs rows) and leaves only the POCs that have every key, newest first.
        private string IntersectedCandidates()
        {
            var lists = string.Join("\n    intersect\n", keys.Select(k => $"select d.poc_id, d.created_at from {From(k)} where {Where(k)}"));
            var weights = string.Concat(keys.Select((key, i) => (key, i)).Where(x => x.key.Kind == SearchKeyKind.Word).Select(x => $"""

                cross join lateral (select x.weight from poc_terms x
                    where x.tenant_id = @TenantId and x.poc_id = d.poc_id and starts_with(x.term, @K{x.i})
                    order by x.weight desc limit 1) k{x.i}
                """));
            var scores = keys.Select((k, i) => (k, i)).Where(x => x.k.Kind == SearchKeyKind.Word).Select(x => $"k{x.i}.weight");
            return $"""
                select d.poc_id, {string.Join(" + ", scores)} as score
                    from (select * from ({lists}) i order by created_at desc, poc_id desc) d {weights} {(HasFilters ? Pocs : "")}
                    order by d.created_at desc, d.poc_id desc
                    limit @CandidateCap
                """;
        }

        private string Page(string sortColumn, Order order, string idColumn, string matching, string count)
        {
            var keyset = cursor is null ? "" : $" and ({sortColumn}, {idColumn}) {order.Comparison} (@CursorKey{order.Cast}, @CursorId)";
            return $"""
                select {PocRow.ColumnsOf("p")}, {order.KeyText(sortColumn)} as SortKey, ({count}) as SearchTotal, false as SearchTruncated
                {matching}{keyset}
                order by {sortColumn} {order.Direction}, {idColumn} {order.Direction}
                limit @PageSize
                """;
        }

        private static string Count(string count) => $"select ({count}) as SearchTotal, false as SearchTruncated";

        private static string From(SearchKey driver) => $"{Table(driver)} d";

        private string Where(SearchKey driver) =>
            $"{PocAccess.VisibleSideRowSql("d")} and {Condition(driver, Index(driver), "d")}";

        // Each other key: one index lookup by (tenant, POC) per candidate; no row, no candidate.
        // Trigram probes are skipped when walking pocs: the LIKE on the fetched row is cheaper.
        private string Probes(SearchKey? driver, string pocId) => string.Concat(keys.Select((key, i) => (key, i))
            .Where(x => x.key != driver && (driver is not null || x.key.Kind != SearchKeyKind.Trigram))
            .Select(x => $"""

                cross join lateral (select {(x.key.Kind == SearchKeyKind.Word ? "x.weight" : "true as hit")} from {Table(x.key)} x
                    where x.tenant_id = @TenantId and x.poc_id = {pocId} and {ProbeCondition(x.key, x.i)}
                    {(x.key.Kind == SearchKeyKind.Word ? "order by x.weight desc " : "")}limit 1) k{x.i}
                """));

        // A word is checked with starts_with over the POC's own terms (its primary key range): given
        // a term range too, the planner sometimes scanned the whole range of the search index per probe.
        private static string ProbeCondition(SearchKey key, int i) =>
            key.Kind == SearchKeyKind.Word ? $"starts_with(x.term, @K{i})" : Condition(key, i, "x");

        private int Index(SearchKey key) => keys.ToList().IndexOf(key);

        private static string Table(SearchKey key) => key.Kind switch
        {
            SearchKeyKind.Trigram => "poc_name_trigrams",
            SearchKeyKind.Word => "poc_terms",
            _ => "poc_tags",
        };

        private static string Column(SearchKey key) => key.Kind switch
        {
            SearchKeyKind.Trigram => "trigram",
            SearchKeyKind.Word => "term",
            _ => "tag",
        };

        // Only = and range comparisons: leakproof, so usable as index conditions under RLS. The
        // values are compared as the columns are (collate "C"), or the index would not apply.
        private static string Condition(SearchKey key, int i, string alias) => key.Kind switch
        {
            SearchKeyKind.AnyTag => $"{alias}.tag = any(@K{i}::text[] collate \"C\")",
            SearchKeyKind.Word => $"{alias}.term >= @K{i} collate \"C\" and {alias}.term < @K{i}End collate \"C\"",
            _ => $"{alias}.{Column(key)} = @K{i} collate \"C\"",
        };
    }

    /// <summary>Runs a search as the endpoint does: keys, then the page with its count.</summary>
    public static async Task<(List<PocRow> Rows, int Total, bool Truncated)> RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PocSearchQuery query, TenantUser user, int countCap, CancellationToken cancellationToken)
    {
        var (pageSql, countSql, parameters) = await PrepareAsync(connection, transaction, query, user, countCap, cancellationToken);
        var rows = (await connection.QueryAsync<PocRow>(new CommandDefinition(pageSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        if (rows.Count > 0)
        {
            return (rows, rows[0].SearchTotal, rows[0].SearchTruncated);
        }

        // An empty page carries no count: past the last page, or nothing matches.
        var (total, truncated) = await connection.QuerySingleAsync<(int, bool)>(new CommandDefinition(countSql, parameters, transaction, cancellationToken: cancellationToken));
        return (rows, total, truncated);
    }

    /// <summary>The keys step, then the SQL of the search (for <see cref="RunAsync"/> and EXPLAIN).</summary>
    public static async Task<(string PageSql, string CountSql, DynamicParameters Parameters)> PrepareAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PocSearchQuery query, TenantUser user, int countCap, CancellationToken cancellationToken)
    {
        IReadOnlyList<SearchKey> keys = [];
        if (KeysQuery(query, user) is var (keysSql, keysParameters))
        {
            var rows = await connection.QueryAsync<(string, string, string?, int)>(new CommandDefinition(keysSql, keysParameters, transaction, cancellationToken: cancellationToken));
            keys = Keys(query, rows);
        }

        return Build(query, keys, user, countCap);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
