using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.ServiceDefaults.Database;
using PocTracker.LocalPostgres;
using Xunit;

namespace PocTracker.TestSupport;

/// <summary>
/// One real PostgreSQL per test assembly, started from the machine's binaries in a throwaway
/// folder (durability off for speed) and removed at the end. Each test class provisions a
/// database of its own, so classes never see each other's rows.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private static int databaseCounter;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "poctracker-test-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalPostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await LocalPostgresServer.StartAsync(folder, PostgresBinaries.Find(null), durable: false, NullLogger.Instance);
    }

    /// <summary>A fresh database (and its owner, app and relay roles) named after <paramref name="prefix"/>.</summary>
    public Task<AppDatabaseConnections> NewDatabaseAsync(string prefix) =>
        Server.ProvisionDatabaseAsync($"{prefix}_{Interlocked.Increment(ref databaseCounter)}");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a stopping process: the OS cleans /tmp
        }
    }
}
