using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// In Production, refuses to serve when a role the app connects as at run time (the app role and
/// the outbox relay's, <see cref="AppDatabaseConnections"/>) could read or write past row-level
/// security: it is a superuser or has BYPASSRLS (itself or through a role it may become), or it
/// owns a table with row-level security (an owner can switch the policy off). Runs after the
/// migrations, so the tables it looks at exist. Other environments skip it: Standalone and the
/// tests provision proper roles themselves, and tests set the environment to Production to check it.
/// </summary>
internal sealed class DatabaseRoleCheck(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IStartupCheck
{
    /// <summary>
    /// pg_has_role(…, 'MEMBER') is true for the role itself and every role it belongs to (it could
    /// SET ROLE to them), and for everything when the role is a superuser.
    /// </summary>
    private const string PrivilegedRolesSql =
        """
        select r.rolname, r.rolsuper, r.rolbypassrls
        from pg_roles r
        where (r.rolsuper or r.rolbypassrls) and pg_has_role(current_user, r.oid, 'MEMBER')
        order by r.rolname
        """;

    private const string OwnedTenantTablesSql =
        """
        select n.nspname || '.' || c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and c.relrowsecurity and pg_has_role(current_user, c.relowner, 'MEMBER')
        order by 1
        """;

    public async Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction())
        {
            return [];
        }

        var problems = new List<string>();
        foreach (var database in services.GetServices<AppDatabase>())
        {
            var connections = AppDatabaseConnections.From(configuration, database.Name);
            problems.AddRange(await FindProblemsAsync(database.Name, database.Name, connections.App, cancellationToken));
            problems.AddRange(await FindProblemsAsync(database.Name, database.Name + "-relay", connections.Relay, cancellationToken));
        }

        return problems;
    }

    private static async Task<IReadOnlyList<string>> FindProblemsAsync(string database, string connectionName, string connectionString, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (NpgsqlException unreachable)
        {
            return [DatabaseUnreachable.Problem(database, connectionName, connectionString, unreachable)];
        }
        var role = new NpgsqlConnectionStringBuilder(connectionString).Username;

        await using (var command = new NpgsqlCommand(PrivilegedRolesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (name, superuser) = (reader.GetString(0), reader.GetBoolean(1));
                var what = superuser ? "SUPERUSER" : "BYPASSRLS";
                problems.Add(name == role
                    ? $"Database '{database}': role '{role}' (ConnectionStrings:{connectionName}) is {what}, so row-level security does not bind it. Connect as a role with NOSUPERUSER NOBYPASSRLS (docs/operations.md)."
                    : $"Database '{database}': role '{role}' (ConnectionStrings:{connectionName}) is a member of '{name}', which is {what}. Revoke that membership (docs/operations.md).");
            }
        }

        var owned = new List<string>();
        await using (var command = new NpgsqlCommand(OwnedTenantTablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                owned.Add(reader.GetString(0));
            }
        }

        if (owned.Count > 0)
        {
            problems.Add($"Database '{database}': role '{role}' (ConnectionStrings:{connectionName}) owns tables under row-level security " +
                $"({string.Join(", ", owned.Take(5))}{(owned.Count > 5 ? $" and {owned.Count - 5} more" : "")}) and could switch their policies off. " +
                $"Only the migrations' owner role (ConnectionStrings:{database}-migrations) may own them.");
        }

        return problems;
    }
}
