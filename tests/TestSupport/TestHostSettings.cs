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
