using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>A dojo host over a database of the test class's own on the test run's PostgreSQL.</summary>
public sealed class DojoFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    public DojoHost Host { get; private set; } = null!;

    public PostgresServerFixture Postgres { get; } = postgres;

    public async ValueTask InitializeAsync()
    {
        Host = new DojoHost(await Postgres.NewDatabaseAsync("dojo"));
        _ = Host.Server; // start now: migrations run before any test
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
