using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>What counts as the app refusing to start (one line per problem, exit code 1) rather than a bug (a stack trace).</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public void Failed_checks_and_options_are_refusals_with_their_problems_and_other_exceptions_are_not()
    {
        Assert.Equal(["a", "b"], StartupRefusal.ProblemsOf(new StartupCheckFailedException(["a", "b"])));
        Assert.Equal(["c"], StartupRefusal.ProblemsOf(new OptionsValidationException("Options", typeof(object), ["c"])));
        Assert.Equal(["a", "c"], StartupRefusal.ProblemsOf(new AggregateException(new StartupCheckFailedException(["a"]), new OptionsValidationException("Options", typeof(object), ["c"]))));
        Assert.Empty(StartupRefusal.ProblemsOf(new AggregateException(new StartupCheckFailedException(["a"]), new InvalidOperationException("a bug"))));
        Assert.Empty(StartupRefusal.ProblemsOf(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void A_database_that_cannot_be_opened_is_a_refusal_and_a_failing_statement_is_not()
    {
        var refused = new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

        Assert.StartsWith("A database cannot be reached: Failed to connect to 127.0.0.1:5432 (Connection refused).", Assert.Single(StartupRefusal.ProblemsOf(refused)), StringComparison.Ordinal);
        Assert.Empty(StartupRefusal.ProblemsOf(new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("broken"))));
    }

    [Fact]
    public void Missing_connection_strings_are_a_refusal_naming_each_one_and_where_it_comes_from()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:pocs"] = "Host=db" }).Build();

        var refused = Assert.Throws<StartupCheckFailedException>(() => AppDatabaseConnections.From(configuration, "pocs"));

        Assert.Equal(
            "The connection string ConnectionStrings:pocs-relay is not configured: under Dapr it comes from the secret store (Dapr:SecretStore, default 'secretstore'), " +
            "otherwise from the environment (ConnectionStrings__pocs-relay); docs/operations.md.", Assert.Single(refused.Problems));
    }

    [Fact]
    public void Migrating_with_a_connection_string_that_names_no_role_is_a_refusal_naming_it()
    {
        // Checked before the database is opened: nothing listens here, and nothing needs to.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:pocs"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_app",
            ["ConnectionStrings:pocs-relay"] = "Host=127.0.0.1;Port=1;Database=pocs",
            ["ConnectionStrings:pocs-migrations"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_owner",
        }).Build();

        var refused = Assert.Throws<StartupCheckFailedException>(() => DatabaseMigrator.Migrate(
            AppDatabaseConnections.From(configuration, "pocs"), typeof(StartupRefusalTests).Assembly, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        Assert.Equal(
            "The connection string ConnectionStrings:pocs-relay names no role (Username=…): the migrations grant that role its rights; docs/operations.md.",
            Assert.Single(refused.Problems));
    }

    [Fact]
    public void Migrating_a_database_that_cannot_be_reached_is_a_refusal_naming_it_and_its_host()
    {
        var closed = ClosedPort();
        var connection = $"Host=127.0.0.1;Port={closed};Username=pocs_owner;Password=secret;Database=pocs;Timeout=5";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:pocs"] = connection.Replace("pocs_owner", "pocs_app", StringComparison.Ordinal),
            ["ConnectionStrings:pocs-relay"] = connection.Replace("pocs_owner", "pocs_relay", StringComparison.Ordinal),
            ["ConnectionStrings:pocs-migrations"] = connection,
        }).Build();

        var refused = Assert.Throws<StartupCheckFailedException>(() => DatabaseMigrator.Migrate(
            AppDatabaseConnections.From(configuration, "pocs"), typeof(StartupRefusalTests).Assembly, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        var problem = Assert.Single(refused.Problems);
        Assert.StartsWith("Database 'pocs' (ConnectionStrings:pocs-migrations, host 127.0.0.1) cannot be reached: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    // A port nothing listens on: one the system gave out a moment ago and took back.
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
