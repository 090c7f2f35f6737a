using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// The pocs app, exactly as its Program builds it, over a database of its own on the test run's
/// PostgreSQL. Trusts the test token key through configuration and records the integration
/// events its outbox relay publishes.
/// </summary>
public class PocsApiFixture(PostgresServerFixture postgres) : WebApplicationFactory<PocsEntryPoint>, IAsyncLifetime
{
    public AppDatabaseConnections Database { get; private set; } = null!;

    public RecordedEvents Events { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        Database = await postgres.NewDatabaseAsync("pocs");
        _ = Server; // start the host now: migrations run before any test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(PocsModule.AppId, Database).TrustTestTokens(PocsModule.AppId);
        ConfigureSettings(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Events);
            services.AddIntegrationEventHandler<PocCreatedIntegrationEvent, RecordingHandler<PocCreatedIntegrationEvent>>();
            services.AddIntegrationEventHandler<PocUpdatedIntegrationEvent, RecordingHandler<PocUpdatedIntegrationEvent>>();
            services.AddIntegrationEventHandler<PocDeletedIntegrationEvent, RecordingHandler<PocDeletedIntegrationEvent>>();
        });
    }

    /// <summary>Settings a variant of the fixture adds.</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>An HTTP client acting as <paramref name="user"/>.</summary>
    public HttpClient ClientFor(TestUser user) => ClientWithToken(TestTokens.For(user));

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A connection as the PostgreSQL superuser, to look at what was really written.</summary>
    public NpgsqlConnection AdminConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(Database.App).Database };
        return new NpgsqlConnection(builder.ConnectionString);
    }

    /// <summary>How many POCs a tenant really has, counted past RLS.</summary>
    public async Task<long> CountPocsAsync(Guid tenantId)
    {
        await using var connection = AdminConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pocs where tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenantId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
