using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Pocs;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// Reports hosts that come and go on one database, object folder and work folder (replicas, restarts),
/// reading POCs from <see cref="PocsServer"/> through one <see cref="ExportGate"/>.
/// </summary>
public sealed class RestartingReportsFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    private readonly List<ReportsHost> hosts = [];

    public PocsServer Pocs { get; } = new(postgres);

    public AppDatabaseConnections Database { get; private set; } = null!;

    public string ObjectsFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-objects-").FullName;

    public string WorkFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-jobs-").FullName;

    public ExportGate Gate { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Pocs.InitializeAsync();
        Database = await postgres.NewDatabaseAsync("reports");
    }

    /// <summary>A new reports host (its job runner starts with it).</summary>
    public ReportsHost StartHost()
    {
        var host = new ReportsHost(this);
        _ = host.Server;
        hosts.Add(host);
        return host;
    }

    /// <summary>Stops a host the way a deployment does (its job runner hands back the job it was running).</summary>
    public async Task StopAsync(ReportsHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        hosts.Remove(host);
        await host.DisposeAsync();
    }

    /// <summary>The database's owner, with the tenant set (the tables are under forced row-level security).</summary>
    public async Task<NpgsqlConnection> OwnerConnectionAsync(Guid tenant)
    {
        var connection = new NpgsqlConnection(Database.Migrations);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand("select set_config('app.tenant_id', @tenant::text, false)", connection);
        set.Parameters.AddWithValue("tenant", tenant);
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await Pocs.DisposeAsync();
        Directory.Delete(ObjectsFolder, recursive: true);
        Directory.Delete(WorkFolder, recursive: true);
    }
}

/// <summary>One reports host process of a <see cref="RestartingReportsFixture"/>.</summary>
public sealed class ReportsHost(RestartingReportsFixture fixture) : WebApplicationFactory<ReportsEntryPoint>
{
    public HttpClient ClientFor(TestUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.For(user, audiences: [ReportsModule.AppId, PocsModule.AppId]));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(ReportsModule.AppId, fixture.Database).TrustTestTokens(ReportsModule.AppId);
        builder.UseSetting("Invocation:pocs:BaseAddress", fixture.Pocs.Address.ToString());
        builder.UseSetting("Storage:LocalPath", fixture.ObjectsFolder);
        builder.UseSetting("Jobs:WorkRoot", fixture.WorkFolder);
        builder.UseSetting("Jobs:Lease", "00:00:05");
        builder.ConfigureTestServices(services => services.AddHttpClient<PocsClient>().ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, fixture.Gate.Handler())));
    }
}
