using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// The pocs app as its Program builds it, listening on a real loopback port (Kestrel), over a
/// database of its own: the reports app reaches it over HTTP as it would in production.
/// </summary>
public sealed class PocsServer(PostgresServerFixture postgres) : WebApplicationFactory<PocsEntryPoint>, IAsyncLifetime
{
    public AppDatabaseConnections Database { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.NewDatabaseAsync("pocs");
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(PocsModule.AppId, Database).TrustTestTokens(PocsModule.AppId);
    }

    /// <summary>Creates a POC as <paramref name="user"/> through the pocs API.</summary>
    public async Task<PocDto> CreateAsync(TestUser user, PocWriteRequest request)
    {
        using var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        using var response = await client.PostAsJsonAsync("/api/pocs", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PocDto>())!;
    }

    /// <summary>
    /// Stores a tenant-visible POC owned by <paramref name="owner"/> straight into the pocs database, past
    /// the API's validation: text the API refuses today may be in rows stored before it did.
    /// </summary>
    public async Task StoreBypassingTheApiAsync(TestUser owner, string name, string description, string language, string tag)
    {
        await using var connection = new NpgsqlConnection(Database.Migrations);
        await connection.OpenAsync();
        // The table's owner is under row-level security too (forced): it writes as the tenant.
        await using var insert = new NpgsqlCommand("""
            select set_config('app.tenant_id', @tenant::text, false);
            insert into pocs (tenant_id, id, owner_id, name, description, language, tags, status, visibility, created_at, updated_at)
            values (@tenant, @id, @owner, @name, @description, @language, array[@tag], 'idea', 'tenant', now(), now())
            """, connection);
        insert.Parameters.AddWithValue("tenant", owner.TenantId);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("owner", owner.UserId);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("description", description);
        insert.Parameters.AddWithValue("language", language);
        insert.Parameters.AddWithValue("tag", tag);
        await insert.ExecuteNonQueryAsync();
    }
}

/// <summary>The reports app as its Program builds it, reading POCs from <see cref="PocsServer"/> over loopback HTTP.</summary>
public class ReportsFixture(PostgresServerFixture postgres) : WebApplicationFactory<ReportsEntryPoint>, IAsyncLifetime
{
    public PocsServer Pocs { get; } = new(postgres);

    public string ObjectsFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-objects-").FullName;

    public string WorkFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-jobs-").FullName;

    public AppDatabaseConnections Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Pocs.InitializeAsync();
        Database = await postgres.NewDatabaseAsync("reports");
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(ReportsModule.AppId, Database).TrustTestTokens(ReportsModule.AppId);
        builder.UseSetting("Invocation:pocs:BaseAddress", Pocs.Address.ToString());
        builder.UseSetting("Storage:LocalPath", ObjectsFolder);
        builder.UseSetting("Jobs:WorkRoot", WorkFolder);
        builder.UseSetting("Jobs:Lease", "00:00:05");
    }

    /// <summary>A client acting as <paramref name="user"/> with a token for both reports and pocs (as the apps' clients ask for).</summary>
    public HttpClient ClientFor(TestUser user, string? language = null, string[]? audiences = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.For(user, audiences: audiences ?? [ReportsModule.AppId, PocsModule.AppId]));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>
    /// Writes <paramref name="count"/> jobs of <paramref name="user"/> straight into the reports database,
    /// as other replicas would hold them, with <paramref name="status"/>.
    /// </summary>
    public async Task InsertJobsAsync(TestUser user, int count, string status)
    {
        await using var connection = new NpgsqlConnection(Database.Migrations);
        await connection.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            // The table's owner is under row-level security too (forced): it writes as the tenant.
            await using var insert = new NpgsqlCommand("""
                select set_config('app.tenant_id', @tenant::text, false);
                insert into report_jobs (tenant_id, id, user_id, format, status, file_name, created_at, expires_at)
                values (@tenant, @id, @user, 'pdf', @status, 'pocs.pdf', now(), now() + interval '1 day')
                """, connection);
            insert.Parameters.AddWithValue("tenant", user.TenantId);
            insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            insert.Parameters.AddWithValue("user", user.UserId);
            insert.Parameters.AddWithValue("status", status);
            await insert.ExecuteNonQueryAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await Pocs.DisposeAsync();
        await base.DisposeAsync();
        Directory.Delete(ObjectsFolder, recursive: true);
        Directory.Delete(WorkFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
