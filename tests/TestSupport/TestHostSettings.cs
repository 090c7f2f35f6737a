using Microsoft.AspNetCore.Hosting;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.TestSupport;

/// <summary>The settings every app host under test gets, in one place.</summary>
public static class TestHostSettings
{
    /// <summary>
    /// The app's database on the test run's PostgreSQL (its three connection strings), migrated at
    /// start-up as Standalone does, and logs quiet below warnings.
    /// </summary>
    public static IWebHostBuilder UseTestDatabase(this IWebHostBuilder builder, string appId, AppDatabaseConnections database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        builder.UseSetting($"ConnectionStrings:{appId}", database.App);
        builder.UseSetting($"ConnectionStrings:{appId}-relay", database.Relay);
        builder.UseSetting($"ConnectionStrings:{appId}-migrations", database.Migrations);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        return builder;
    }

    /// <summary>
    /// The same two for an app run as its own process (<see cref="AppProcess"/>), as the environment variables production
    /// sets: its database's three connection strings, migrations at start-up, and trust in <see cref="TestTokens"/>' tokens
    /// for audience <paramref name="appId"/>. A test adds its own settings to the copy it gets.
    /// </summary>
    public static Dictionary<string, string?> ForAppProcess(string appId, AppDatabaseConnections database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{appId}"] = database.App,
            [$"ConnectionStrings__{appId}-relay"] = database.Relay,
            [$"ConnectionStrings__{appId}-migrations"] = database.Migrations,
            ["Database__MigrateOnStartup"] = "true",
            ["Auth__Issuer"] = TestTokens.Issuer,
            ["Auth__Audiences__0"] = appId,
            ["Auth__SigningKeys"] = TestTokens.Jwks,
        };
    }

    /// <summary>Trusts the tokens <see cref="TestTokens"/> mints (their issuer and public key) for <paramref name="audience"/>.</summary>
    public static IWebHostBuilder TrustTestTokens(this IWebHostBuilder builder, string audience)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Auth:Issuer", TestTokens.Issuer);
        builder.UseSetting("Auth:Audiences:0", audience);
        builder.UseSetting("Auth:SigningKeys", TestTokens.Jwks);
        return builder;
    }
}
