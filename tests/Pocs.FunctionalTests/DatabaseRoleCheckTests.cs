using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.StartupChecks;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// In Production the app refuses to serve through a database role that row-level security does not
/// bind: a superuser, a BYPASSRLS role (or one that may become such a role), or the tables' owner.
/// Real roles on the test run's PostgreSQL; the environment set to Production as a deployment sets it.
/// </summary>
public sealed class DatabaseRoleCheckTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_provisioned_app_and_relay_roles_start_in_production()
    {
        await using var app = new PocsWithRoles(postgres, "Production", (_, _) => { });
        await app.InitializeAsync();

        using var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_superuser_app_role_refuses_to_start_in_production()
    {
        var refused = await RefusedAsync((builder, database) => builder.UseSetting("ConnectionStrings:pocs", AsSuperuser(database)));

        Assert.Contains("role 'postgres' (ConnectionStrings:pocs) is SUPERUSER", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bypassrls_relay_role_refuses_to_start_in_production()
    {
        var refused = await RefusedAsync((builder, database) => builder.UseSetting("ConnectionStrings:pocs-relay", NewLoginRole(database, "bypassrls")));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("(ConnectionStrings:pocs-relay) is BYPASSRLS", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_role_that_may_become_a_bypassrls_role_refuses_to_start_in_production()
    {
        var refused = await RefusedAsync((_, database) =>
        {
            var powerful = "role_check_" + Guid.NewGuid().ToString("N")[..12];
            Admin($"create role \"{powerful}\" nologin bypassrls");
            Admin($"grant \"{powerful}\" to \"{new NpgsqlConnectionStringBuilder(database.App).Username}\"");
        });

        Assert.Contains("(ConnectionStrings:pocs) is a member of", Assert.Single(refused.Problems), StringComparison.Ordinal);
        Assert.Contains("which is BYPASSRLS", refused.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tables_owner_as_app_role_refuses_to_start_in_production()
    {
        var refused = await RefusedAsync((builder, database) => builder.UseSetting("ConnectionStrings:pocs", database.Migrations));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("(ConnectionStrings:pocs) owns tables under row-level security (public.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_production_the_check_does_not_run()
    {
        await using var app = new PocsWithRoles(postgres, "Development", (builder, database) => builder.UseSetting("ConnectionStrings:pocs", AsSuperuser(database)));
        await app.InitializeAsync();

        using var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private async Task<StartupCheckFailedException> RefusedAsync(Action<IWebHostBuilder, AppDatabaseConnections> roles)
    {
        await using var app = new PocsWithRoles(postgres, "Production", roles);
        return await Assert.ThrowsAsync<StartupCheckFailedException>(async () => await app.InitializeAsync());
    }

    private string AsSuperuser(AppDatabaseConnections database) =>
        new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Database = DatabaseName(database) }.ConnectionString;

    /// <summary>A new login role with <paramref name="attributes"/>, and a connection string to the database as it.</summary>
    private string NewLoginRole(AppDatabaseConnections database, string attributes)
    {
        var role = "role_check_" + Guid.NewGuid().ToString("N")[..12];
        var password = Guid.NewGuid().ToString("N");
        Admin($"create role \"{role}\" login {attributes} password '{password}'");
        return new NpgsqlConnectionStringBuilder(database.App) { Username = role, Password = password }.ConnectionString;
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(postgres.Server.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string DatabaseName(AppDatabaseConnections database) => new NpgsqlConnectionStringBuilder(database.App).Database!;

    /// <summary>The pocs app in <paramref name="environment"/>, with the connection strings <paramref name="roles"/> sets.</summary>
    private sealed class PocsWithRoles(PostgresServerFixture postgres, string environment, Action<IWebHostBuilder, AppDatabaseConnections> roles)
        : PocsApiFixture(postgres)
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("KeyRing:CertificateFile", KeyRingCertificateFile.OfThisTestRun); // Production needs one
            roles(builder, Database);
        }
    }
}
