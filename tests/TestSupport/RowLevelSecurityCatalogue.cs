using Npgsql;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.TestSupport;

/// <summary>
/// Reads an app database's catalogue for the second wall of tenant isolation: every table with a
/// <c>tenant_id</c> column, and whether row-level security is enabled, forced (so it binds the
/// table's owner too) and policed by a policy on <c>app.tenant_id</c> with both USING and WITH CHECK.
/// The catalogue is visible to every role, so the migrations' connection reads all of it.
/// </summary>
public static class RowLevelSecurityCatalogue
{
    public static async Task<IReadOnlyList<TenantTable>> ReadAsync(AppDatabaseConnections database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.Migrations);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polqual is not null and p.polwithcheck is not null
                           and pg_get_expr(p.polqual, p.polrelid) like '%app.tenant_id%')
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
              and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
            order by c.relname
            """, connection);
        var tables = new List<TenantTable>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(new TenantTable(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        return tables;
    }
}

/// <summary>A table with a <c>tenant_id</c> column and the state of its row-level security.</summary>
public sealed record TenantTable(string Name, bool Enabled, bool Forced, bool Policed)
{
    /// <summary>Enabled, forced and policed: what every tenant table must be.</summary>
    public bool Isolated => Enabled && Forced && Policed;

    public override string ToString() => $"{Name}: enabled={Enabled} forced={Forced} tenant policy with USING and WITH CHECK={Policed}";
}
