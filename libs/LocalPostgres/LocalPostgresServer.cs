using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.LocalPostgres;

/// <summary>
/// A PostgreSQL server of our own, started from the machine's binaries in a folder we choose and
/// stopped when disposed. Standalone keeps its folder between runs (demo data survives); tests use
/// a throwaway folder with durability switched off for speed.
/// </summary>
/// <remarks>
/// Local connections through the Unix socket (inside the data folder, readable only by the server's
/// user) are trusted and used only for provisioning; app roles connect over 127.0.0.1 with
/// passwords that are generated anew at every start and never written anywhere.
/// </remarks>
public sealed partial class LocalPostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string binDirectory;
    private readonly ILogger logger;
    private readonly bool runAsPostgresUser;
    private bool stopped;

    private LocalPostgresServer(string binDirectory, string dataDirectory, int port, bool runAsPostgresUser, ILogger logger)
    {
        this.binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        this.runAsPostgresUser = runAsPostgresUser;
        this.logger = logger;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>
    /// Where the server's Unix socket lives: the data folder, unless its path is too long for a
    /// socket address (108 bytes), then a short folder of its own under /tmp.
    /// </summary>
    public string SocketDirectory => DataDirectory.Length <= 80
        ? DataDirectory
        : Path.Combine("/tmp", "poctracker-pg-" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDirectory)))[..12].ToLowerInvariant());

    /// <summary>Superuser connection over the Unix socket, for provisioning only.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory, Port = Port, Username = Superuser, Database = "postgres", Pooling = false,
    }.ConnectionString;

    /// <summary>Initialises the folder if it is new, then starts the server on a free loopback port.</summary>
    /// <param name="dataDirectory">Where the cluster lives; created if missing.</param>
    /// <param name="binDirectory">Where initdb and pg_ctl are (see <see cref="PostgresBinaries"/>).</param>
    /// <param name="durable">False for tests: no fsync, so a test run does not wait on the disk.</param>
    /// <param name="logger">Where start and stop are logged.</param>
    /// <param name="cancellationToken">Cancels initialisation and start.</param>
    public static async Task<LocalPostgresServer> StartAsync(string dataDirectory, string binDirectory, bool durable, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var (directory, asPostgres) = await ResolveDataDirectoryAsync(dataDirectory, logger, cancellationToken);
        var server = new LocalPostgresServer(binDirectory, directory, FreeLoopbackPort(), asPostgres, logger);
        await server.InitialiseAsync(cancellationToken);
        await server.StartServerAsync(durable, cancellationToken);
        return server;
    }

    /// <summary>
    /// Stops the server a <see cref="StartAsync"/> of <paramref name="dataDirectory"/> left running (a host that
    /// starts PostgreSQL for others and exits: the Dapr preparation command). Nothing happens when none runs.
    /// </summary>
    public static async Task StopAsync(string dataDirectory, string binDirectory, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var (directory, asPostgres) = await ResolveDataDirectoryAsync(dataDirectory, logger, cancellationToken);
        if (!File.Exists(Path.Combine(directory, "postmaster.pid")))
        {
            return;
        }

        await new LocalPostgresServer(binDirectory, directory, port: 0, asPostgres, logger).DisposeAsync();
    }

    /// <summary>
    /// initdb and pg_ctl refuse to run as root; as root we run them as the postgres user, who must be able
    /// to reach the folder. Under a private folder (a clone in /root, say) the cluster moves to one the
    /// postgres user can reach, named after the requested one.
    /// </summary>
    private static async Task<(string Directory, bool AsPostgres)> ResolveDataDirectoryAsync(string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres && !await PostgresUserCanReachAsync(Path.GetDirectoryName(dataDirectory)!, cancellationToken))
        {
            var moved = Path.Combine("/var/lib/poctracker", Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..16].ToLowerInvariant());
            LogMoved(logger, dataDirectory, moved);
            return (moved, true);
        }

        return (dataDirectory, asPostgres);
    }

    /// <summary>
    /// Creates (or refreshes) database <paramref name="name"/> and its three roles: <c>{name}_owner</c>
    /// owns the schema and runs migrations, <c>{name}_app</c> is what the app connects as (owns
    /// nothing, NOBYPASSRLS), <c>{name}_relay</c> publishes the outbox.
    /// </summary>
    public async Task<AppDatabaseConnections> ProvisionDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!SafeIdentifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a simple database name.", nameof(name));
        }

        var passwords = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{name}_owner"] = NewPassword(), [$"{name}_app"] = NewPassword(), [$"{name}_relay"] = NewPassword(),
        };

        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            foreach (var (role, password) in passwords)
            {
                var exists = await ScalarAsync<bool>(admin, $"select exists (select 1 from pg_roles where rolname = '{role}')", cancellationToken);
                var verb = exists ? "alter" : "create";

                // ALTER/CREATE ROLE take no bind parameters; the password is ours, base64url only.
                await ExecuteAsync(admin, $"{verb} role \"{role}\" login nosuperuser nocreatedb nocreaterole nobypassrls password '{password}'", cancellationToken);
            }

            if (!await ScalarAsync<bool>(admin, $"select exists (select 1 from pg_database where datname = '{name}')", cancellationToken))
            {
                await ExecuteAsync(admin, $"create database \"{name}\" owner \"{name}_owner\"", cancellationToken);
            }
        }

        string Connection(string role) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = name, Username = role, Password = passwords[role],
        }.ConnectionString;

        return new AppDatabaseConnections(name, Connection($"{name}_app"), Connection($"{name}_relay"), Connection($"{name}_owner"));
    }

    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await RunAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "fast", "-w"], CancellationToken.None, throwOnFailure: false);
        LogStopped(logger, DataDirectory);
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (runAsPostgresUser)
        {
            await RunProgramAsync("chown", ["-R", "postgres:postgres", DataDirectory, SocketDirectory], cancellationToken);
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            // A server left running by a killed earlier run holds the folder: stop it first.
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "fast", "-w"], cancellationToken, throwOnFailure: false);
            }

            return;
        }

        await RunAsync("initdb", [
            "-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8",
            "--auth-local=trust", "--auth-host=scram-sha-256",
        ], cancellationToken);
        LogInitialised(logger, DataDirectory);
    }

    private async Task StartServerAsync(bool durable, CancellationToken cancellationToken)
    {
        var options = $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c unix_socket_permissions=0700";
        if (!durable)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        LogStarted(logger, Port, DataDirectory);
    }

    private Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var path = Path.Combine(binDirectory, program);
        return runAsPostgresUser
            ? RunProgramAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken, throwOnFailure)
            : RunProgramAsync(path, arguments, cancellationToken, throwOnFailure);
    }

    private static async Task RunProgramAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // Otherwise a root shell's cwd may be unreadable to the postgres user, and initdb complains.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static async Task<bool> PostgresUserCanReachAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        try
        {
            await RunProgramAsync("runuser", ["-u", "postgres", "--", "test", "-x", directory, "-a", "-r", directory], cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{0,40}$")]
    private static partial System.Text.RegularExpressions.Regex SafeIdentifier();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The postgres user cannot reach {Requested}; the cluster lives in {Moved} instead")]
    private static partial void LogMoved(ILogger logger, string requested, string moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialised a PostgreSQL cluster in {DataDirectory}")]
    private static partial void LogInitialised(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL listening on 127.0.0.1:{Port} (data in {DataDirectory})")]
    private static partial void LogStarted(ILogger logger, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL in {DataDirectory} stopped")]
    private static partial void LogStopped(ILogger logger, string dataDirectory);
}
