using System.Reflection;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// Brings an app database up to date with DbUp: the outbox first, then the app's embedded
/// <c>Migrations/*.sql</c> scripts in name order, each once, in a transaction of its own. Runs as
/// the owner role; grants and policies name the app and relay roles, taken from their connection
/// strings so configuration states each role once.
/// </summary>
public static partial class DatabaseMigrator
{
    public static void Migrate(AppDatabaseConnections connections, Assembly migrationsAssembly, ILogger logger, IReadOnlyList<AppDatabaseScript>? sharedScripts = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(migrationsAssembly);

        var ownerConnection = connections.Migrations
            ?? throw new StartupCheckFailedException([AppDatabaseConnections.NotConfigured(connections.Name + "-migrations")]);
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(ownerConnection)
            .WithScript(new SqlScript(OutboxSchema.ScriptName, OutboxSchema.Sql, new SqlScriptOptions { RunGroupOrder = 0 }))
            .WithScripts((sharedScripts ?? []).Select(s => new SqlScript(s.Name, s.Sql, new SqlScriptOptions { RunGroupOrder = 0 })))
            .WithScriptsEmbeddedInAssembly(migrationsAssembly,
                name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal),
                new SqlScriptOptions { RunGroupOrder = 1 })
            .WithVariable("app_role", RoleOf(connections.App, connections.Name))
            .WithVariable("relay_role", RoleOf(connections.Relay, connections.Name + "-relay"))
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            // No script had started: the database could not be opened at all.
            if (result.ErrorScript is null && result.Error is NpgsqlException unreachable)
            {
                throw new StartupCheckFailedException([DatabaseUnreachable.Problem(connections.Name, connections.Name + "-migrations", ownerConnection, unreachable)]);
            }

            throw new InvalidOperationException($"Migrating database '{connections.Name}' failed at {result.ErrorScript?.Name}.", result.Error);
        }

        LogMigrated(logger, connections.Name, result.Scripts.Count());
    }

    // The migrations grant the app and relay roles their rights, by name: a connection string without one is a
    // deployment's mistake, refused like a missing connection string (one line, exit 1), not a crash.
    private static string RoleOf(string connectionString, string key) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username
        ?? throw new StartupCheckFailedException([$"The connection string ConnectionStrings:{key} names no role (Username=…): the migrations grant that role its rights; docs/operations.md."]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date ({Applied} scripts applied now)")]
    private static partial void LogMigrated(ILogger logger, string database, int applied);

    /// <summary>DbUp's log, written to our logger (DbUp never sees connection strings with passwords here).</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("DbUp: {Message:l}", Format(format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("DbUp: {Message:l}", Format(format, args));
        public void LogInformation(string format, params object[] args) => logger.LogInformation("DbUp: {Message:l}", Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("DbUp: {Message:l}", Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("DbUp: {Message:l}", Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "DbUp: {Message:l}", Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
