using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PocTracker.LocalPostgres;
using PocTracker.ServiceDefaults.DataProtection;

namespace PocTracker.DaprPrepare;

/// <summary>
/// What `dapr run -f .` needs on a laptop before it starts the apps, all under <c>.data/dapr</c> (git-ignored):
/// a PostgreSQL in <c>postgres/</c> left running, every app database with its three roles, and
/// <c>secrets.json</c>, the file the <c>secretstore</c> component (components/local/secretstore.yaml) serves
/// the apps from: their connection strings, <c>APP_API_TOKEN</c> and their key ring's certificate.
/// The sidecars need the same <c>APP_API_TOKEN</c> in their environment, which a run template's <c>env</c>
/// does not give them (it reaches the apps only): dapr.yaml's <c>runtimePath</c> points at
/// <c>runtime/</c>, where <c>.dapr/bin/daprd</c> is a launcher that adds the token from
/// <c>sidecar.env</c> and runs the daprd that <c>dapr init</c> installed.
/// A second run keeps the databases and the certificate; the server restarts on a new port, and the
/// passwords and the token are new, so apps started before it must be restarted.
/// </summary>
internal sealed class DaprPreparation(string repositoryRoot, string postgresBinDirectory, ILogger logger)
{
    /// <summary>Every app with a database (the gateway has none).</summary>
    public static readonly IReadOnlyList<string> Databases = ["identity", "pocs", "reports", "video", "dojo"];

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string DataDirectory => Path.Combine(Path.GetFullPath(repositoryRoot), ".data", "dapr");

    public string PostgresDirectory => Path.Combine(DataDirectory, "postgres");

    public string SecretsFile => Path.Combine(DataDirectory, "secrets.json");

    public string KeyRingCertificateFile => Path.Combine(DataDirectory, "key-ring.pem");

    public string SidecarEnvironmentFile => Path.Combine(DataDirectory, "sidecar.env");

    /// <summary>What dapr.yaml's <c>runtimePath: .data/dapr/runtime</c> makes the Dapr CLI start as each sidecar.</summary>
    public string DaprdLauncher => Path.Combine(DataDirectory, "runtime", ".dapr", "bin", "daprd");

    /// <summary>Starts (or restarts) PostgreSQL and leaves it running; <see cref="StopAsync"/> stops it.</summary>
    public async Task PrepareAsync(bool durable = true, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(DataDirectory);

        // Not disposed: the apps use it after this command has returned.
        var server = await LocalPostgresServer.StartAsync(PostgresDirectory, postgresBinDirectory, durable, logger, cancellationToken);
        var connectionStrings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            var connections = await server.ProvisionDatabaseAsync(database, cancellationToken);
            foreach (var (key, value) in connections.ToConfiguration())
            {
                connectionStrings[key["ConnectionStrings:".Length..]] = value!;
            }
        }

        // Made once: the key rings it encrypts live in the databases a second run keeps.
        if (!File.Exists(KeyRingCertificateFile))
        {
            KeyRingCertificate.CreateFile(KeyRingCertificateFile);
        }

        var appApiToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        // Entries someone added (a component's secret: docs/operations.md, "Swapping a component") are kept.
        var secrets = File.Exists(SecretsFile) ? JsonNode.Parse(await File.ReadAllTextAsync(SecretsFile, cancellationToken))!.AsObject() : [];
        secrets["ConnectionStrings"] = JsonSerializer.SerializeToNode(connectionStrings);
        secrets["APP_API_TOKEN"] = appApiToken;
        secrets["KeyRing"] = new JsonObject { ["CertificateFile"] = KeyRingCertificateFile };
        WriteOwnerOnly(SecretsFile, secrets.ToJsonString(Indented));
        WriteOwnerOnly(SidecarEnvironmentFile, $"APP_API_TOKEN={appApiToken}\n");
        WriteDaprdLauncher();
        LogPrepared(logger, DataDirectory, server.Port);
    }

    /// <summary>Stops the PostgreSQL <see cref="PrepareAsync"/> left running, if it runs.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        LocalPostgresServer.StopAsync(PostgresDirectory, postgresBinDirectory, logger, cancellationToken);

    private void WriteDaprdLauncher()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DaprdLauncher)!);
        var script = $$"""
            #!/bin/sh
            # Written by scripts/dapr-prepare.sh. dapr.yaml's runtimePath makes `dapr run -f .` start every sidecar
            # through this file: it gives the sidecar APP_API_TOKEN (a run template's env reaches only the apps, which
            # read the same token from the secret store) and runs the daprd that `dapr init` installed.
            set -a
            . '{{SidecarEnvironmentFile}}'
            set +a
            exec "${DAPR_RUNTIME_PATH:-$HOME}/.dapr/bin/daprd" "$@"

            """;
        File.WriteAllText(DaprdLauncher, script, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.SetUnixFileMode(DaprdLauncher, OwnerReadWrite | UnixFileMode.UserExecute);
    }

    // Replaced whole, readable by the owner only from the first byte.
    private static void WriteOwnerOnly(string path, string content)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite,
        }))
        {
            file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void LogPrepared(ILogger logger, string dataDirectory, int port) =>
        logger.LogInformation("Prepared {DataDirectory}: PostgreSQL on 127.0.0.1:{Port}, every app database, secrets.json. Now: dapr run -f .", dataDirectory, port);
}
