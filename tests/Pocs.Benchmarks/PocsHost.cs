using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>
/// The pocs app (apps/Pocs, its own Program: AddServiceDefaults, AddPocs, UseServiceDefaults,
/// MapDefaultEndpoints, MapPocsApi) as a child process on a loopback port, configured the way
/// production configures it: connection strings and a JSON Web Key Set from the environment,
/// warnings-only logs.
/// </summary>
/// <remarks>
/// Not Standalone: Standalone also hosts the identity app and makes every module trust only that
/// same-host issuer (discovery), so tokens minted here would be refused. The pocs app's own host is
/// the same request pipeline and how the pocs service is deployed.
/// </remarks>
internal static class PocsHost
{
    public static Task<AppProcess> StartAsync(string dllPath, AppDatabaseConnections connections, string jwks, CancellationToken cancellationToken) =>
        AppProcess.StartAsync(dllPath, new Dictionary<string, string?>
        {
            ["ConnectionStrings__pocs"] = connections.App,
            ["ConnectionStrings__pocs-relay"] = connections.Relay,
            ["ConnectionStrings__pocs-migrations"] = connections.Migrations,
            // The pocs migrations ran before seeding; the app adds what its own set-up needs (the key ring's table).
            ["Database__MigrateOnStartup"] = "true",
            ["Auth__Issuer"] = BenchmarkTokens.Issuer,
            ["Auth__Audiences__0"] = BenchmarkTokens.Audience,
            ["Auth__SigningKeys"] = jwks,
            ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun, // Production needs one
        }, AppProcess.FreeLoopbackPort(), cancellationToken);
}
