using Microsoft.Extensions.Configuration;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// The three connection strings of one app database, from <c>ConnectionStrings</c>:
/// <c>{name}</c> (the app role: no table ownership, no BYPASSRLS), <c>{name}-relay</c> (the outbox
/// relay role) and <c>{name}-migrations</c> (the owner role that runs migrations).
/// </summary>
public sealed record AppDatabaseConnections(string Name, string App, string Relay, string? Migrations)
{
    public static AppDatabaseConnections From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Every missing one at once, as a refusal to start (one line each), not the first as a crash.
        string[] missing = [.. new[] { name, name + "-relay" }.Where(key => configuration.GetConnectionString(key) is null)];
        if (missing.Length > 0)
        {
            throw new StartupCheckFailedException([.. missing.Select(NotConfigured)]);
        }

        return new AppDatabaseConnections(name, configuration.GetConnectionString(name)!, configuration.GetConnectionString(name + "-relay")!,
            configuration.GetConnectionString(name + "-migrations"));
    }

    /// <summary>What an operator reads when connection string <paramref name="key"/> is missing: which setting, and where it comes from.</summary>
    public static string NotConfigured(string key) =>
        $"The connection string ConnectionStrings:{key} is not configured: under Dapr it comes from the secret store (Dapr:SecretStore, default 'secretstore'), " +
        $"otherwise from the environment (ConnectionStrings__{key}); docs/operations.md.";

    /// <summary>The configuration keys and values <see cref="From"/> reads back (for a host that provisions its own databases).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() =>
    [
        new($"ConnectionStrings:{Name}", App),
        new($"ConnectionStrings:{Name}-relay", Relay),
        new($"ConnectionStrings:{Name}-migrations", Migrations),
    ];
}
