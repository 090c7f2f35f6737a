using Npgsql;
using NpgsqlTypes;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// The index's reads, as commands of one batch (<c>TenantDatabase.ReadInTenantBatchAsync</c>, which sets the
/// tenant first). Named parameters as everywhere else: <c>@TenantId</c>, <c>@UserId</c>, <c>@IsAdmin</c>.
/// </summary>
internal static class SearchIndexSql
{
    /// <summary>The tenant's change version (table <c>poc_search_versions</c>; 0 before its first write).</summary>
    public static NpgsqlBatchCommand TenantVersion(Guid tenantId) => Command(
        "select coalesce((select version from poc_search_versions where tenant_id = @TenantId), 0)", ("TenantId", tenantId));

    public static async Task<long> ReadTenantVersionAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;

    /// <summary>How many POCs the tenant has, counted up to <paramref name="cap"/>.</summary>
    public static NpgsqlBatchCommand CountUpTo(Guid tenantId, int cap) => Command(
        "select count(*)::int from (select from pocs where tenant_id = @TenantId limit @Cap) c", ("TenantId", tenantId), ("Cap", cap));

    /// <summary>Every POC of the tenant as the index keeps it.</summary>
    public static NpgsqlBatchCommand AllPocs(Guid tenantId) => Command(
        $"select {IndexedPoc.Columns} from pocs p {IndexedPoc.TermsJoin} where p.tenant_id = @TenantId", ("TenantId", tenantId));

    /// <summary>Each POC changed after <paramref name="version"/>: its id, then its current state (all null when deleted).</summary>
    public static NpgsqlBatchCommand ChangedSince(Guid tenantId, long version) => Command(
        $"""
        select c.poc_id, {IndexedPoc.Columns}
        from poc_search_changes c
        left join pocs p on p.tenant_id = c.tenant_id and p.id = c.poc_id
        {IndexedPoc.TermsJoin}
        where c.tenant_id = @TenantId and c.version > @Version
        """,
        ("TenantId", tenantId), ("Version", version));

    /// <summary>The rows of a page, with the visibility rule every read applies.</summary>
    public static NpgsqlBatchCommand VisibleRows(TenantUser user, Guid[] ids) => Command(
        $"select {PocRow.Columns} from pocs where {PocAccess.VisibleSql} and id = any(@Ids)",
        ("TenantId", user.TenantId), ("UserId", user.UserId), ("IsAdmin", user.IsTenantAdmin), ("Ids", ids));

    /// <summary>
    /// Texts as the database folds them for search, in order: <c>poc_fold</c> (unaccent, lower case), or for a word of the
    /// free text its terms joined by spaces (<c>poc_query_terms</c>, the lexemes the stored POCs' terms were made of).
    /// </summary>
    public static NpgsqlBatchCommand Folded(string[] texts, bool[] areQueryWords) => Command(
        """
        select coalesce(array_agg(case when w then array_to_string(poc_query_terms(t), ' ') else poc_fold(t) end order by o), '{}')
        from unnest(@Texts, @AreQueryWords) with ordinality as u(t, w, o)
        """,
        ("Texts", texts), ("AreQueryWords", areQueryWords));

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value switch
            {
                Guid[] ids => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                string[] texts => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts },
                _ => new NpgsqlParameter(name, value),
            });
        }

        return command;
    }
}
