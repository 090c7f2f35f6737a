using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The identity app as its Program builds it, over a database of its own.</summary>
public sealed class IdentityFixture(PostgresServerFixture postgres) : WebApplicationFactory<IdentityEntryPoint>, IAsyncLifetime
{
    /// <summary>The test server's address, which is also the issuer.</summary>
    public static readonly Uri Issuer = new("http://localhost/");

    public AppDatabaseConnections Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.NewDatabaseAsync("identity");
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:identity", Database.App);
        builder.UseSetting("ConnectionStrings:identity-relay", Database.Relay);
        builder.UseSetting("ConnectionStrings:identity-migrations", Database.Migrations);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Identity:Issuer", Issuer.ToString());
        builder.UseSetting("Identity:RefreshTokenReuseLeeway", "00:00:00");
        // The identity app validates its own API's tokens like any app.
        builder.UseSetting("Auth:Issuer", Issuer.ToString());
        builder.UseSetting("Auth:Audiences:0", "identity");
        builder.UseSetting("Auth:SigningKeys", TestTokens.Jwks);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests follow them and look).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = Issuer });
}
