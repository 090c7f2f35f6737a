using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.Pocs;
using PocTracker.Pocs.Benchmarks;
using PocTracker.Pocs.Search;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.LocalPostgres;
using PocTracker.TestSupport;

// The POC search benchmark (see BenchmarkOptions.Usage and docs/performance.md). Everything it
// starts (PostgreSQL, the pocs app process, the temporary folder) is stopped and removed on the
// way out, including on Ctrl+C, SIGTERM and errors.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine("Stopping...");
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var cancellationToken = stopping.Token;

var workDirectory = Path.Combine(Path.GetTempPath(), $"poctracker-bench-{Environment.ProcessId}");
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var logger = loggerFactory.CreateLogger("PocTracker.Pocs.Benchmarks");
LocalPostgresServer? postgres = null;
AppProcess? host = null;
try
{
    Console.Error.WriteLine($"Starting PostgreSQL in {workDirectory}");
    postgres = await LocalPostgresServer.StartAsync(Path.Combine(workDirectory, "postgres"), PostgresBinaries.Find(null), durable: false, logger, cancellationToken);
    var connections = await postgres.ProvisionDatabaseAsync(PocsModule.AppId, cancellationToken);
    DatabaseMigrator.Migrate(connections, typeof(PocsModule).Assembly, logger);
    var superuser = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString) { Database = PocsModule.AppId }.ConnectionString;

    var dataset = Dataset.Plan(options.Pocs, options.Tenants);
    Console.Error.WriteLine($"Seeding {dataset.TotalPocs:N0} POCs over {dataset.Tenants.Count:N0} tenants with {options.CopyStreams} COPY streams");
    var seed = await Seeder.SeedAsync(superuser, dataset, options.CopyStreams, cancellationToken);
    var experiments = await ApplyExperimentsAsync(superuser, options, cancellationToken);
    var (postgresVersion, tableSize) = await DescribeDatabaseAsync(superuser, cancellationToken);
    Console.Error.WriteLine($"Seeded in {seed.Total.TotalSeconds:F1} s; starting the pocs app");
    if (options.Hold)
    {
        var socket = new NpgsqlConnectionStringBuilder(superuser);
        Console.Error.WriteLine($"Holding. Big tenant {dataset.Big.Id}, small tenant {dataset.Small.Id}. Inspect with:");
        Console.Error.WriteLine($"  psql -h {socket.Host} -p {socket.Port} -U postgres -d pocs   (as the app: set role pocs_app; select set_config('app.tenant_id', '<tenant>', false);)");
        Console.Error.WriteLine("Ctrl+C stops and removes everything.");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    using var tokens = new BenchmarkTokens();
    host = await PocsHost.StartAsync(FindHostDll(options.HostDll), connections, tokens.Jwks(), cancellationToken);

    DateOnlyTypeHandler.Register();
    // The app's session settings (AppDatabaseSetup): no JIT, no parallel workers.
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connections.App) { Options = "-c jit=off -c max_parallel_workers_per_gather=0" }.ConnectionString);
    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Concurrency * 2,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        UseProxy = false,
    };
    using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    var http = new HttpSearch(client);
    var sql = new SqlSearch(dataSource);
    var kinds = QueryKinds.All();

    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"""
        Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; {postgresVersion} (initdb defaults, fsync off).
        Data set: {dataset.TotalPocs:N0} POCs over {dataset.Tenants.Count:N0} tenants (big tenant {dataset.Big.Size:N0}, small tenant {dataset.Small.Size:N0}, median of the rest); table with indexes {tableSize}.
        Seed: {seed.Total.TotalSeconds:F0} s (COPY {seed.Copy.TotalSeconds:F0} s, search side tables {seed.SideTables.TotalSeconds:F0} s, indexes {seed.Indexes.TotalSeconds:F0} s, VACUUM ANALYZE {seed.VacuumAnalyze.TotalSeconds:F0} s).
        Load: {options.Concurrency} concurrent clients, closed loop; {options.Settle.TotalSeconds:F0} s of every kind mixed before the first run (JIT), then {options.Warmup.TotalSeconds:F0} s warm-up and {options.Duration.TotalSeconds:F0} s measured per kind, tenant and path; limit={SearchRequest.Limit}; an admin user (sees every POC of the tenant); latencies in ms.
        Experiments: {experiments}.
        "hits" is the average total of the kind's {kinds[0].Requests.Count} parameter values (capped at {SearchPocs.CountCap} like the API's count).

        """);

    var allResults = new List<KindResult>();
    List<KindResult>? bigResults = null;
    foreach (var (title, tenant) in new[] { ("Big tenant", dataset.Big), ("Small tenant", dataset.Small) })
    {
        var user = new TenantUser(tenant.Id, tenant.Users[0], new HashSet<string>(StringComparer.Ordinal) { "admin" });
        var token = tokens.Issue(tenant.Id, user.UserId, "admin");
        var results = new List<KindResult>();
        var memoryBefore = host.WorkingSetBytes;
        var indexWait = await http.WaitForIndexAsync(kinds[0].Requests[0], token, TimeSpan.FromMinutes(10), cancellationToken);
        var memoryAfter = host.WorkingSetBytes;
        Console.Error.WriteLine($"  {title}: the app's search index answers after {indexWait.TotalSeconds:F1} s; app working set {memoryBefore >> 20} → {memoryAfter >> 20} MB");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{title}: the first search started loading the tenant's search index; it answered {indexWait.TotalSeconds:F1} s later (app working set {memoryBefore >> 20} MB before, {memoryAfter >> 20} MB after).").AppendLine();
        if (results.Count == 0 && allResults.Count == 0)
        {
            // Once, before the first measured run: every kind over both paths, so no kind pays for the JIT's first compilations.
            var mixed = kinds.SelectMany(k => k.Requests).ToArray();
            await LoadRunner.RunAsync((i, ct) => http.RunAsync(mixed[i % mixed.Length], token, ct), options.Concurrency, options.Settle, TimeSpan.FromMilliseconds(1), cancellationToken);
            await LoadRunner.RunAsync((i, ct) => sql.RunAsync(mixed[i % mixed.Length], user, ct), options.Concurrency, options.Settle, TimeSpan.FromMilliseconds(1), cancellationToken);
        }

        foreach (var kind in kinds)
        {
            var hits = await CheckAsync(kind, user, token, cancellationToken);
            if (options.Explain && tenant == dataset.Big)
            {
                Console.Error.WriteLine($"== EXPLAIN {kind.Name}: {kind.Requests[0]}\n{await sql.ExplainAsync(kind.Requests[0], user, cancellationToken)}\n");
            }

            var requests = kind.Requests;
            var databaseAnswersBefore = http.DatabaseAnswers;
            var overHttp = await LoadRunner.RunAsync(
                (i, ct) => http.RunAsync(requests[i % requests.Count], token, ct), options.Concurrency, options.Warmup, options.Duration, cancellationToken);
            var asSql = await LoadRunner.RunAsync(
                (i, ct) => sql.RunAsync(requests[i % requests.Count], user, ct), options.Concurrency, options.Warmup, options.Duration, cancellationToken);
            var result = new KindResult(kind.Name, hits, overHttp, asSql);
            results.Add(result);
            Console.Error.WriteLine(
                $"  {title}, {kind.Name}: hits {hits:F0}; HTTP p50 {overHttp.P50:F1} p95 {overHttp.P95:F1} p99 {overHttp.P99:F1} ms {overHttp.RequestsPerSecond:F0}/s; " +
                $"SQL p50 {asSql.P50:F1} p95 {asSql.P95:F1} p99 {asSql.P99:F1} ms {asSql.RequestsPerSecond:F0}/s" +
                (overHttp.Errors + asSql.Errors > 0 ? $"; ERRORS {overHttp.Errors}+{asSql.Errors}: {overHttp.FirstError ?? asSql.FirstError}" : "") +
                (http.DatabaseAnswers > databaseAnswersBefore ? $"; {http.DatabaseAnswers - databaseAnswersBefore} HTTP searches answered by PostgreSQL" : ""));
        }

        bigResults ??= results;
        allResults.AddRange(results);
        report.Append(Report.Table($"{title} ({tenant.Size:N0} POCs)", results));
    }

    report.Append(Report.Verdict(bigResults!, allResults));
    Console.WriteLine(report);
    if (options.OutPath is not null)
    {
        await File.WriteAllTextAsync(options.OutPath, report.ToString(), cancellationToken);
    }

    return allResults.Any(r => r.Http.Errors + r.Sql.Errors > 0) ? 1 : 0;

    // Runs every value of the kind as SQL (for the average number of hits) and the first few over
    // HTTP too: both must return the same page and total, or the comparison would be meaningless.
    async Task<double> CheckAsync(QueryKind kind, TenantUser user, string token, CancellationToken ct)
    {
        var hits = 0.0;
        for (var i = 0; i < kind.Requests.Count; i++)
        {
            var (page, count, truncated) = await sql.RunAsync(kind.Requests[i], user, ct);
            hits += Math.Min(count, SearchPocs.CountCap);
            if (i < 3)
            {
                // Past its candidate cap the SQL ranks only the first matches it finds; the index ranks them all.
                var (ids, total, _) = await http.FetchAsync(kind.Requests[i], token, ct);
                if ((!truncated && !ids.SequenceEqual(page.Take(SearchRequest.Limit).Select(r => r.Id))) || total != Math.Min(count, SearchPocs.CountCap))
                {
                    throw new InvalidOperationException($"HTTP and SQL disagree for {kind.Requests[i]}: {ids.Length} items / total {total} vs {page.Count} rows / count {count}.");
                }
            }
        }

        return hits / kind.Requests.Count;
    }
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception) when (host is not null)
{
    Console.Error.WriteLine($"Last lines of the pocs app:\n{host.LastLines()}");
    throw;
}
finally
{
    if (host is not null)
    {
        await host.DisposeAsync();
    }

    if (postgres is not null)
    {
        await postgres.DisposeAsync();
    }

    // The server may have put its cluster or socket elsewhere (a folder the postgres user can reach).
    foreach (var folder in new[] { workDirectory, postgres?.DataDirectory, postgres?.SocketDirectory })
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

static string FindHostDll(string? configured)
{
    const string dll = "PocTracker.Pocs.dll";
    if (configured is not null)
    {
        return File.Exists(configured) ? configured : throw new FileNotFoundException($"No host at {configured}.");
    }

    var besideUs = Path.Combine(AppContext.BaseDirectory, dll);
    if (File.Exists(besideUs) && File.Exists(Path.ChangeExtension(besideUs, ".runtimeconfig.json")))
    {
        return besideUs;
    }

    var folder = new DirectoryInfo(AppContext.BaseDirectory);
    while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PocTracker.sln")))
    {
        folder = folder.Parent;
    }

#if DEBUG
    const string configuration = "Debug";
#else
    const string configuration = "Release";
#endif
    var built = folder is null ? null : Path.Combine(folder.FullName, "apps", "Pocs", "bin", configuration, "net10.0", dll);
    return File.Exists(built) ? built : throw new FileNotFoundException($"{dll} not found; build apps/Pocs or pass --host-dll.");
}

// Options that change the database for an experiment; returns what was changed, for the report.
static async Task<string> ApplyExperimentsAsync(string connectionString, BenchmarkOptions options, CancellationToken cancellationToken)
{
    var applied = new List<string>();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync(cancellationToken);
    if (options.Leakproof)
    {
        // Under RLS only leakproof operators may become index conditions; these four are the
        // search's (LIKE for names, && and @> for tags, @@ for text). pg_proc is per database.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            alter function pg_catalog.textlike(text, text) leakproof;
            alter function pg_catalog.arrayoverlap(anyarray, anyarray) leakproof;
            alter function pg_catalog.arraycontains(anyarray, anyarray) leakproof;
            alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
            """, cancellationToken: cancellationToken));
        applied.Add("textlike, arrayoverlap, arraycontains and ts_match_vq marked LEAKPROOF");
    }

    if (options.Cluster)
    {
        var started = Stopwatch.GetTimestamp();
        await connection.ExecuteAsync(new CommandDefinition("cluster pocs using pocs_tenant_created", commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("vacuum analyze pocs", commandTimeout: 0, cancellationToken: cancellationToken));
        applied.Add($"CLUSTER pocs USING pocs_tenant_created ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s)");
    }

    foreach (var setting in options.Settings)
    {
        var separator = setting.IndexOf('=', StringComparison.Ordinal);
        var (name, value) = (setting[..separator], setting[(separator + 1)..]);
        await connection.ExecuteAsync(new CommandDefinition($"alter database pocs set {name} = '{value}'", cancellationToken: cancellationToken));
        applied.Add($"{name} = {value}");
    }

    return applied.Count == 0 ? "none (schema, SQL and server settings as shipped)" : string.Join("; ", applied);
}

static async Task<(string Version, string TableSize)> DescribeDatabaseAsync(string connectionString, CancellationToken cancellationToken)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync(cancellationToken);
    var version = await connection.ExecuteScalarAsync<string>("select split_part(version(), ' ', 1) || ' ' || current_setting('server_version')");
    var size = await connection.ExecuteScalarAsync<string>("select pg_size_pretty(pg_total_relation_size('pocs')) || ' (search side tables ' || pg_size_pretty(pg_total_relation_size('poc_terms') + pg_total_relation_size('poc_name_trigrams') + pg_total_relation_size('poc_tags')) || ')'");
    return (version!, size!);
}
