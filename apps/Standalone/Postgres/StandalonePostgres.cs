using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;
using PocTracker.LocalPostgres;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.Standalone.Postgres;

internal static class StandalonePostgres
{
    /// <summary>
    /// When no connection string is configured for the apps' databases, starts a PostgreSQL of
    /// our own in <c>{data}/postgres</c> (kept between runs), provisions each database and its
    /// roles, and hands the connection strings to configuration. Returns the server to stop on exit,
    /// or null when the databases are configured elsewhere.
    /// </summary>
    public static async Task<LocalPostgresServer?> StartUnlessConfiguredAsync(WebApplicationBuilder builder, string dataDirectory, IReadOnlyList<string> databases)
    {
        if (databases.All(name => !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name))))
        {
            return null;
        }

        // Lives as long as the server (the host's logging is not built yet when PostgreSQL starts);
        // the same JSON lines as the host's.
        var loggerFactory = new SerilogLoggerFactory(new LoggerConfiguration()
            .Enrich.WithProperty("App", "standalone")
            .WriteTo.Console(new RenderedCompactJsonFormatter())
            .CreateLogger(), dispose: true);
        var logger = loggerFactory.CreateLogger("PocTracker.LocalPostgres");
        var server = await LocalPostgresServer.StartAsync(
            Path.Combine(dataDirectory, "postgres"),
            PostgresBinaries.Find(builder.Configuration["Postgres:BinDirectory"]),
            durable: true,
            logger);

        foreach (var name in databases)
        {
            builder.Configuration.AddInMemoryCollection((await server.ProvisionDatabaseAsync(name)).ToConfiguration());
        }

        return server;
    }
}
