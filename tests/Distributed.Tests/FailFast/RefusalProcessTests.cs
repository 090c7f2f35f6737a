using PocTracker.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Distributed.Tests.FailFast;

/// <summary>
/// A real app process that lacks something it needs exits with code 1 and says what, one log line per missing thing,
/// with no stack trace (issue 14, item 5): what an operator sees in <c>dapr run</c> or <c>kubectl logs</c>.
/// </summary>
public sealed class RefusalProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_its_connection_strings_the_app_names_each_one_and_exits_with_1()
    {
        var (exitCode, lines) = await RunPocsAsync(Settings(), []);

        Assert.Equal(1, exitCode);
        Assert.Equal(
        [
            "Refusing to start: The connection string ConnectionStrings:pocs is not configured: under Dapr it comes from the secret store (Dapr:SecretStore, default 'secretstore'), " +
            "otherwise from the environment (ConnectionStrings__pocs); docs/operations.md.",
            "Refusing to start: The connection string ConnectionStrings:pocs-relay is not configured: under Dapr it comes from the secret store (Dapr:SecretStore, default 'secretstore'), " +
            "otherwise from the environment (ConnectionStrings__pocs-relay); docs/operations.md.",
        ], Refusals(lines));
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task The_migrate_job_without_the_owners_connection_string_names_it_and_exits_with_1()
    {
        var settings = Settings();
        settings["ConnectionStrings__pocs"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_app";
        settings["ConnectionStrings__pocs-relay"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_relay";

        var (exitCode, lines) = await RunPocsAsync(settings, ["migrate"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:pocs-migrations is not configured", Assert.Single(Refusals(lines)), StringComparison.Ordinal);
        AssertNoStackTrace(lines);
    }

    [Fact]
    public async Task Under_a_sidecar_without_APP_API_TOKEN_the_app_says_so_and_exits_with_1()
    {
        var settings = Settings();
        // Development: the database role check (Production only) would need a database; this is about the sidecar.
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["ConnectionStrings__pocs"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_app";
        settings["ConnectionStrings__pocs-relay"] = "Host=127.0.0.1;Port=1;Database=pocs;Username=pocs_relay";
        settings["Dapr__Enabled"] = "true";
        // No sidecar answers there: the component check gives up after a second, which is one more line.
        var nobody = AppProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["DAPR_HTTP_PORT"] = nobody;
        settings["DAPR_GRPC_PORT"] = nobody;
        settings["Dapr__SidecarTimeout"] = "00:00:01";
        // No secret store either (the secrets are in the environment), so the sidecar is asked for the components alone.
        settings["Dapr__SecretStore"] = "";

        var (exitCode, lines) = await RunPocsAsync(settings, []);

        Assert.Equal(1, exitCode);
        var refusals = Refusals(lines);
        Assert.Equal(2, refusals.Count);
        Assert.StartsWith("Refusing to start: A Dapr sidecar is configured (DAPR_HTTP_PORT, DAPR_GRPC_PORT or Dapr:Enabled) but APP_API_TOKEN is not set", refusals[0], StringComparison.Ordinal);
        Assert.StartsWith("Refusing to start: The Dapr sidecar did not answer within 1 s (Dapr:SidecarTimeout), so the components this app needs (pubsub, an actor state store) could not be checked", refusals[1], StringComparison.Ordinal);
        AssertNoStackTrace(lines);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Auth__Issuer"] = TestTokens.Issuer,
        ["Auth__Audiences__0"] = PocsModule.AppId,
        ["Auth__SigningKeys"] = TestTokens.Jwks,
        ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun,
    };

    private static Task<(int ExitCode, IReadOnlyList<string> Lines)> RunPocsAsync(Dictionary<string, string?> settings, IReadOnlyList<string> arguments) =>
        AppProcess.RunToExitAsync(AppProcess.BesideUs("PocTracker.Pocs.dll"), settings, arguments, Patience, TestContext.Current.CancellationToken);

    /// <summary>The rendered message of each Fatal (Critical) line of the app's JSON log.</summary>
    private static List<string> Refusals(IReadOnlyList<string> lines) =>
    [
        .. lines.Where(l => l.StartsWith('{'))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("@l", out var level) && level.GetString() == "Fatal")
            .Select(e => e.GetProperty("@m").GetString()!),
    ];

    private static void AssertNoStackTrace(IReadOnlyList<string> lines)
    {
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("\"@x\"", StringComparison.Ordinal));
    }
}
