using PocTracker.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
