using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PocTracker.LocalPostgres;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.DaprPrepare.Tests;

/// <summary>
/// scripts/dapr-prepare.sh without Dapr: the databases it provisions open with what it writes to the secrets
/// file (read the way the local file secret store flattens it), a second run keeps the data, and stop stops
/// the server it left running.
/// </summary>
public sealed class DaprPreparationTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "poctracker-dapr-prepare-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly DaprPreparation preparation;

    public DaprPreparationTests()
    {
        Directory.CreateDirectory(root);
        preparation = new DaprPreparation(root, PostgresBinaries.Find(null), NullLogger.Instance);
    }

    [Fact]
    public async Task Every_app_database_opens_with_the_secrets_file_as_its_own_roles_a_second_run_keeps_the_data_and_stop_stops_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await preparation.PrepareAsync(durable: false, cancellation);
        try
        {
            var secrets = ReadSecretsFile();
            foreach (var database in DaprPreparation.Databases)
            {
                var connections = AppDatabaseConnections.From(secrets, database);
                Assert.Equal($"{database}_app", await CurrentUserAsync(connections.App));
                Assert.Equal($"{database}_relay", await CurrentUserAsync(connections.Relay));
                Assert.Equal($"{database}_owner", await CurrentUserAsync(connections.Migrations!));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(preparation.SecretsFile));
            Assert.True(File.Exists(secrets["KeyRing:CertificateFile"]));
            Assert.Equal($"APP_API_TOKEN={secrets["APP_API_TOKEN"]}\n", await File.ReadAllTextAsync(preparation.SidecarEnvironmentFile, cancellation));
            Assert.Equal(64, secrets["APP_API_TOKEN"]!.Length);
            Assert.True(File.GetUnixFileMode(preparation.DaprdLauncher).HasFlag(UnixFileMode.UserExecute));
            Assert.Contains($". '{preparation.SidecarEnvironmentFile}'", await File.ReadAllTextAsync(preparation.DaprdLauncher, cancellation), StringComparison.Ordinal);

            await ExecuteAsync(AppDatabaseConnections.From(secrets, "pocs").Migrations!, "create table kept (id int); insert into kept values (7)");
            var certificate = await File.ReadAllBytesAsync(preparation.KeyRingCertificateFile, cancellation);
            var added = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(preparation.SecretsFile, cancellation))!.AsObject();
            added["dojo-actorstate"] = "host=db user=dojo";
            await File.WriteAllTextAsync(preparation.SecretsFile, added.ToJsonString(), cancellation);

            await preparation.PrepareAsync(durable: false, cancellation);

            var again = ReadSecretsFile();
            Assert.NotEqual(secrets["APP_API_TOKEN"], again["APP_API_TOKEN"]);
            Assert.Equal(7, await ScalarAsync<int>(AppDatabaseConnections.From(again, "pocs").Migrations!, "select id from kept"));
            Assert.Equal(certificate, await File.ReadAllBytesAsync(preparation.KeyRingCertificateFile, cancellation));
            Assert.Equal("host=db user=dojo", again["dojo-actorstate"]);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => CurrentUserAsync(AppDatabaseConnections.From(secrets, "pocs").App));
        }
        finally
        {
            await preparation.StopAsync(CancellationToken.None);
        }

        Assert.False(File.Exists(Path.Combine(preparation.PostgresDirectory, "postmaster.pid")));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => CurrentUserAsync(AppDatabaseConnections.From(ReadSecretsFile(), "pocs").App));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a stopping process: the OS cleans /tmp
        }
    }

    // The way secretstores.local.file serves it (nested objects joined with its default separator ':') and the
    // apps' configuration provider maps it: nested JSON read as configuration gives the same keys.
    private IConfiguration ReadSecretsFile()
    {
        return new ConfigurationBuilder().AddJsonFile(preparation.SecretsFile, optional: false).Build();
    }

    private static Task<string?> CurrentUserAsync(string connectionString) => ScalarAsync<string>(connectionString, "select current_user");

    private static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
