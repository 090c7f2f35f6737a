using Dapper;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

/// <summary>One keyset page of a search, without its count: what the export walks page after page.</summary>
internal static class SearchPage
{
    /// <summary>Up to <c>query.Limit + 1</c> rows (the extra one says another page follows).</summary>
    public static Task<List<PocRow>> ReadAsync(TenantDatabase database, TenantUser user, PocSearchQuery query, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            // The page query carries a count; capped at 1 it costs one row.
            var (pageSql, _, parameters) = await PocSearchSql.PrepareAsync(tx.Connection, tx.Transaction, query, user, countCap: 1, tx.CancellationToken);
            return (await tx.Connection.QueryAsync<PocRow>(tx.Command(pageSql, parameters))).AsList();
        }, cancellationToken);
}
