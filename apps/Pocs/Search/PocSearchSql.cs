using System.Text;
using Dapper;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

/// <summary>
/// The SQL of a POC search: visible rows of the tenant, the filters asked for, keyset pagination
/// on the chosen order. Every filter has an index that starts with tenant_id (migration 0001):
/// trigram GIN for name parts, GIN for tags and the text document, btree for order and language.
/// </summary>
internal static class PocSearchSql
{
    private sealed record Order(string KeyExpression, string KeyCast, string OrderBy, string Comparison);

    private static readonly Dictionary<string, Order> Orders = new(StringComparer.Ordinal)
    {
        // Outside the derived table the columns carry PocRow's aliases (createdat, updatedat).
        ["newest"] = new("createdat", "::timestamptz", "createdat desc, id desc", "<"),
        ["oldest"] = new("createdat", "::timestamptz", "createdat, id", ">"),
        ["updated"] = new("updatedat", "::timestamptz", "updatedat desc, id desc", "<"),
        ["name"] = new("name_folded", "", "name_folded, id", ">"),
        ["relevance"] = new("rank", "::real", "rank desc, id desc", "<"),
    };

    /// <summary>The page query (one row more than the page, to know whether another page follows) and the capped count.</summary>
    public static (string PageSql, string CountSql, DynamicParameters Parameters) Build(PocSearchQuery query, TenantUser user, int countCap)
    {
        var parameters = new DynamicParameters(PocAccess.Parameters(user));
        var where = new StringBuilder(PocAccess.VisibleSql);

        if (query.TextQuery is not null)
        {
            where.Append(" and search_document @@ to_tsquery('simple', poc_fold(@TextQuery))");
            parameters.Add("TextQuery", query.TextQuery);
        }

        if (query.NameContains is not null)
        {
            where.Append(" and name_folded like '%' || poc_fold(@NamePattern) || '%'");
            parameters.Add("NamePattern", EscapeLike(query.NameContains));
        }

        if (query.Language is not null)
        {
            where.Append(" and language = @Language");
            parameters.Add("Language", query.Language);
        }

        if (query.Tags.Length > 0)
        {
            where.Append(query.AllTags ? " and tags_folded @> poc_fold_all(@Tags)" : " and tags_folded && poc_fold_all(@Tags)");
            parameters.Add("Tags", query.Tags);
        }

        if (query.Statuses.Length > 0)
        {
            where.Append(" and status = any(@Statuses)");
            parameters.Add("Statuses", query.Statuses);
        }

        if (query.OnlyMine)
        {
            where.Append(" and owner_id = @UserId");
        }

        var order = Orders[query.Sort];
        var rank = query.Sort == "relevance" ? ", ts_rank(search_document, to_tsquery('simple', poc_fold(@TextQuery))) as rank" : "";
        var matching = $"select {PocRow.Columns}, name_folded{rank} from pocs where {where}";

        var keyset = "";
        if (query.Cursor is { } cursor)
        {
            keyset = $"where ({order.KeyExpression}, id) {order.Comparison} (@CursorKey{order.KeyCast}, @CursorId)";
            parameters.Add("CursorKey", cursor.Key);
            parameters.Add("CursorId", cursor.Id);
        }

        parameters.Add("PageSize", query.Limit + 1);
        parameters.Add("CountCap", countCap);

        // The derived table lets the keyset compare the computed rank like any column; PostgreSQL
        // flattens it, so the plain orders still walk their index.
        var pageSql = $"""
            select *, {order.KeyExpression}::text as SortKey
            from ({matching}) matching
            {keyset}
            order by {order.OrderBy}
            limit @PageSize
            """;
        var countSql = $"select count(*)::int from (select 1 from pocs where {where} limit @CountCap) capped";
        return (pageSql, countSql, parameters);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
