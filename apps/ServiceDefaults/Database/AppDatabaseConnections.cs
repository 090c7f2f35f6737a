using Microsoft.Extensions.Configuration;

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
        string Required(string key) => configuration.GetConnectionString(key)
            ?? throw new InvalidOperationException($"Connection string '{key}' is not configured.");
        return new AppDatabaseConnections(name, Required(name), Required(name + "-relay"), configuration.GetConnectionString(name + "-migrations"));
    }

    /// <summary>The configuration keys and values <see cref="From"/> reads back (for a host that provisions its own databases).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() =>
    [
        new($"ConnectionStrings:{Name}", App),
        new($"ConnectionStrings:{Name}-relay", Relay),
        new($"ConnectionStrings:{Name}-migrations", Migrations),
    ];
}
