using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.LocalPostgres;
using PocTracker.TestSupport;

namespace PocTracker.EndToEnd;

/// <summary>
/// The running PocTracker the suite talks to, over HTTP only. With <c>E2E_BASE_URL</c> set (scripts/e2e.sh) it is that
/// server: Standalone, or the gateway of a <c>dapr run -f .</c>. Without it (./test.sh) it is a real Standalone process
/// started here on a free loopback port, over a throwaway PostgreSQL of the tests' (durability off), stopped at the end.
/// </summary>
public sealed class ProductUnderTest : IAsyncLifetime
{
    /// <summary>The server's public origin.</summary>
    public const string BaseUrlVariable = "E2E_BASE_URL";

    /// <summary>Where the identity app writes its mail (<c>Identity:MailOutbox</c>); the product's default when not set.</summary>
    public const string MailOutboxVariable = "E2E_MAIL_OUTBOX";

    private static readonly string[] Databases = ["identity", "pocs", "reports", "dojo", "video"];

    private string? dataDirectory;
    private LocalPostgresServer? postgres;
    private StandaloneProcess? standalone;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// The folder the identity app's outbox mail sender writes invitations to: the suite reads the invitation link there,
    /// as the invited person reads their mail. Against a server of its own it is the one the suite gave it; otherwise
    /// <c>E2E_MAIL_OUTBOX</c>, else the identity app's default (<c>{temp}/poctracker-mail</c>, docs/identity.md "Mail"),
    /// which is where a <c>dapr run -f .</c> on the same machine writes.
    /// </summary>
    public string MailOutbox { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } baseUrl)
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
            MailOutbox = Environment.GetEnvironmentVariable(MailOutboxVariable) is { Length: > 0 } folder
                ? folder
                : Path.Combine(Path.GetTempPath(), "poctracker-mail");
            return;
        }

        dataDirectory = StandaloneProcess.CreateDataDirectory();
        postgres = await LocalPostgresServer.StartAsync(
            Path.Combine(dataDirectory, "postgres"), PostgresBinaries.Find(null), durable: false, NullLogger.Instance);
        var environment = new Dictionary<string, string>();
        foreach (var name in Databases)
        {
            var database = await postgres.ProvisionDatabaseAsync(name);
            environment[$"ConnectionStrings__{name}"] = database.App;
            environment[$"ConnectionStrings__{name}-relay"] = database.Relay;
            environment[$"ConnectionStrings__{name}-migrations"] = database.Migrations!;
        }

        MailOutbox = Path.Combine(dataDirectory, "mail");
        // Films silent and with the fastest encoder preset: the suite proves the pipeline, not the film's quality,
        // and ./test.sh shares two cores.
        standalone = StandaloneProcess.Start(dataDirectory, environment,
            $"--Identity:MailOutbox={MailOutbox}", "--Video:Film:Narrate=false", "--Video:Film:Preset=ultrafast");
        await standalone.WaitUntilListeningAsync();
        BaseAddress = new Uri(standalone.BaseAddress, "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (standalone is not null)
        {
            await standalone.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (dataDirectory is not null)
        {
            StandaloneProcess.DeleteDataDirectory(dataDirectory);
        }
    }
}
