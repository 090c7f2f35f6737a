using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using PocTracker.Identity;
using PocTracker.Identity.Benchmarks;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.Pocs.Benchmarks;
using PocTracker.LocalPostgres;
using PocTracker.TestSupport;

// The login benchmark (docs/performance.md, "Login and token validation"): starts a throwaway PostgreSQL and the
// identity app, signs up accounts, drives the code + PKCE login over HTTP at a few concurrency levels, then measures
// access-token validation as the Pocs API does it. Everything it starts is stopped and removed on the way out.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(IdentityBenchmarkOptions.Usage);
    return 0;
}

IdentityBenchmarkOptions options;
try
{
    options = IdentityBenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(IdentityBenchmarkOptions.Usage);
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

const string Password = "violeta trombone caderno pipoca 42";
var workDirectory = Path.Combine(Path.GetTempPath(), $"poctracker-identity-bench-{Environment.ProcessId}");
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var logger = loggerFactory.CreateLogger("PocTracker.Identity.Benchmarks");
LocalPostgresServer? postgres = null;
AppProcess? host = null;
var report = new StringBuilder();
var failed = false;
try
{
    Console.Error.WriteLine($"Starting PostgreSQL in {workDirectory}");
    postgres = await LocalPostgresServer.StartAsync(Path.Combine(workDirectory, "postgres"), PostgresBinaries.Find(null), durable: false, logger, cancellationToken);
    var connections = await postgres.ProvisionDatabaseAsync(IdentityModule.AppId, cancellationToken);

    // The identity app's own host, as deployed; limits raised so that the load, all from 127.0.0.1, measures work, not throttling.
    var port = AppProcess.FreeLoopbackPort();
    var baseAddress = $"http://127.0.0.1:{port}/";
    host = await AppProcess.StartAsync(FindHostDll(), new Dictionary<string, string?>
    {
        ["ConnectionStrings__identity"] = connections.App,
        ["ConnectionStrings__identity-relay"] = connections.Relay,
        ["ConnectionStrings__identity-migrations"] = connections.Migrations,
        ["Database__MigrateOnStartup"] = "true",
        ["Identity__Issuer"] = baseAddress,
        ["Identity__MailOutbox"] = Path.Combine(workDirectory, "mail"),
        ["KeyRing__CertificateFile"] = KeyRingCertificateFile.Create(workDirectory), // Production needs one
        ["Identity__LoginAttemptsPerIpPerMinute"] = "1000000",
        ["Identity__LoginAttemptsPerAccountPerMinute"] = "1000000",
        ["Identity__TokenRequestsPerIpPerMinute"] = "1000000",
        ["Identity__TokenRequestsPerClientPerMinute"] = "1000000",
        ["Identity__SignUpsPerIpPerMinute"] = "1000000",
        ["Auth__Issuer"] = baseAddress,
        ["Auth__Authority"] = baseAddress,
        ["Auth__RequireHttpsMetadata"] = "false",
        ["Auth__Audiences__0"] = IdentityModule.AppId,
    }, port, cancellationToken);

    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Concurrency.Max() * 2,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
    };
    using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

    // One organisation and owner per concurrent client, so no two workers log into the same account at once.
    var accounts = new List<(string Slug, string Email)>();
    Console.Error.WriteLine($"Signing up {options.Concurrency.Max()} accounts");
    for (var i = 0; i < options.Concurrency.Max(); i++)
    {
        var slug = $"bench-{i}-{Guid.NewGuid():N}"[..20];
        var email = $"owner@{slug}.example";
        using var signedUp = await client.PostAsJsonAsync("/api/identity/tenants",
            new { tenantName = $"Org {i}", slug, email, password = Password, displayName = "Ana Souza" }, cancellationToken);
        if (!signedUp.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-up answered {(int)signedUp.StatusCode}: {await signedUp.Content.ReadAsStringAsync(cancellationToken)}");
        }

        accounts.Add((slug, email));
    }

    var login = new BrowserLogin(client);
    var measuredLogin = new BrowserLogin(client, () => host.ProcessorTime);
    var pbkdf2 = MeasurePbkdf2();
    report.AppendLine(CultureInfo.InvariantCulture, $"""
        ## Login and token validation

        Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}. The identity app (its own host, Release) on a throwaway PostgreSQL (fsync off); load generator, app and PostgreSQL share the cores.
        Load average (1, 5, 15 min) when the logins started: {LoadAverage()} — figures from a machine busy with other work are upper bounds.
        One PBKDF2-HMAC-SHA512 verification at {PasswordHashing.Iterations:N0} iterations (the login's password check), in this process: median {pbkdf2.Wall:F0} ms, of which CPU {pbkdf2.Cpu:F0} ms (CPU time grows far less than wall time with the machine's load; sharing a core still inflates it somewhat).

        """);

    // Where the time of one login goes, with nothing else running.
    Console.Error.WriteLine("Measuring the steps of a login, one at a time");
    // A few logins first, unrecorded: the first ones pay for JIT compilation and caches, which the CPU figure must not count.
    for (var i = 0; i < 3; i++)
    {
        await login.LoginAsync(accounts[0].Slug, accounts[0].Email, Password, cancellationToken);
    }

    var steps = new List<LoginSteps>();
    var cpuSteps = new List<LoginSteps>();
    for (var i = 0; i < options.StepSamples; i++)
    {
        var account = accounts[i % accounts.Count];
        var (_, wall, cpu) = await measuredLogin.LoginAsync(account.Slug, account.Email, Password, cancellationToken);
        steps.Add(wall);
        cpuSteps.Add(cpu);
    }

    // The app's CPU time per login: it grows far less with the machine's load than the latencies do.
    var appCpuPerLogin = Median(cpuSteps, s => s.Total);

    report.AppendLine(CultureInfo.InvariantCulture, $"Steps of one login (concurrency 1, median of {steps.Count}, ms):");
    report.AppendLine();
    report.AppendLine("| GET authorize → 302 | GET login page | POST form (password check) → 302 | GET authorize with session → code | POST token (code → tokens) | total |");
    report.AppendLine("|--:|--:|--:|--:|--:|--:|");
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {Median(steps, s => s.Authorize):F1} | {Median(steps, s => s.LoginPage):F1} | {Median(steps, s => s.PostForm):F1} | {Median(steps, s => s.AuthorizeWithSession):F1} | {Median(steps, s => s.TokenExchange):F1} | {Median(steps, s => s.Total):F1} |");
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| CPU {Median(cpuSteps, s => s.Authorize):F1} | CPU {Median(cpuSteps, s => s.LoginPage):F1} | CPU {Median(cpuSteps, s => s.PostForm):F1} | CPU {Median(cpuSteps, s => s.AuthorizeWithSession):F1} | CPU {Median(cpuSteps, s => s.TokenExchange):F1} | CPU {appCpuPerLogin:F1} |");
    report.AppendLine();
    report.AppendLine("The second row is the identity app's own CPU time in each step (median; its background work included, PostgreSQL and this client not; Linux counts it in 10 ms ticks), which a busy machine inflates far less than wall time.");
    report.AppendLine();

    report.AppendLine(CultureInfo.InvariantCulture,
        $"End-to-end login (authorize → login page → form → code → token), closed loop, {options.Warmup.TotalSeconds:F0} s warm-up then {options.Duration.TotalSeconds:F0} s measured per level; latencies in ms:");
    report.AppendLine();
    report.AppendLine("| concurrent logins | logins | p50 | p95 | p99 | logins/s | errors |");
    report.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
    Measurement? oneAtATime = null;
    foreach (var concurrency in options.Concurrency)
    {
        Console.Error.WriteLine($"Logging in with {concurrency} concurrent clients");
        var measured = await LoadRunner.RunAsync(
            async (i, ct) =>
            {
                var account = accounts[i % concurrency];
                await login.LoginAsync(account.Slug, account.Email, Password, ct);
            },
            concurrency, options.Warmup, options.Duration, cancellationToken);
        failed |= measured.Errors > 0;
        Console.Error.WriteLine($"  {concurrency}: p50 {measured.P50:F0} p95 {measured.P95:F0} p99 {measured.P99:F0} ms, {measured.RequestsPerSecond:F1}/s" +
                                (measured.Errors > 0 ? $", ERRORS {measured.Errors}: {measured.FirstError}" : ""));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {concurrency} | {measured.Requests} | {measured.P50:F0} | {measured.P95:F0} | {measured.P99:F0} | {measured.RequestsPerSecond:F1} | {measured.Errors} |");
        if (concurrency == 1)
        {
            oneAtATime = measured;
        }
    }

    report.AppendLine();
    report.AppendLine(oneAtATime is { } single
        ? string.Create(CultureInfo.InvariantCulture,
            $"**One login at a time** (the whole code + PKCE login, concurrency 1): p50 {single.P50:F0} ms, p95 {single.P95:F0} ms over {single.Requests} logins (target on an idle machine: p95 ≤ 200 ms). The identity app used {appCpuPerLogin:F0} ms of CPU per login (median of the step-by-step logins above: all five requests; PostgreSQL and this client not counted), a figure that grows far less with the machine's load than the latencies do. Load average when the logins ended: {LoadAverage()}.")
        : "One login at a time: not measured (add 1 to --concurrency).");
    report.AppendLine();

    // A real access token and the key set it verifies against, for the validation benchmark.
    var first = accounts[0];
    TokenValidationBenchmarks.Token = (await login.LoginAsync(first.Slug, first.Email, Password, cancellationToken)).AccessToken;
    TokenValidationBenchmarks.Jwks = await client.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), cancellationToken);
    TokenValidationBenchmarks.Issuer = host.BaseAddress.ToString();
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception) when (host is not null)
{
    Console.Error.WriteLine($"Last lines of the identity app:\n{host.LastLines()}");
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

    foreach (var folder in new[] { workDirectory, postgres?.DataDirectory, postgres?.SocketDirectory })
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

if (!options.SkipValidation)
{
    // In-process (no generated project to build), the host and PostgreSQL already stopped so nothing else competes.
    Console.Error.WriteLine("Measuring token validation with BenchmarkDotNet");
    var artifacts = Path.Combine(Path.GetTempPath(), $"poctracker-identity-bdn-{Environment.ProcessId}");
    var config = ManualConfig.CreateEmpty()
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(new StandardErrorLogger())
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(artifacts)
        .WithOptions(ConfigOptions.DisableLogFile);
    var summary = BenchmarkRunner.Run<TokenValidationBenchmarks>(config);
    Directory.Delete(artifacts, recursive: true);

    report.AppendLine(CultureInfo.InvariantCulture,
        $"Access-token validation as the Pocs API does it (BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3)}, in-process, one thread; a real RS256 at+jwt of {TokenValidationBenchmarks.Token.Length} characters; µs per request):");
    report.AppendLine();
    report.AppendLine("| what | mean | median | standard deviation | allocated |");
    report.AppendLine("|---|--:|--:|--:|--:|");
    foreach (var result in summary.Reports)
    {
        var statistics = result.ResultStatistics;
        if (statistics is null)
        {
            failed = true;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {result.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')} | failed | | | |");
            continue;
        }

        var allocated = result.GcStats.GetBytesAllocatedPerOperation(result.BenchmarkCase);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {result.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')} | {statistics.Mean / 1000:F1} | {statistics.Median / 1000:F1} | {statistics.StandardDeviation / 1000:F1} | {(allocated ?? 0) / 1024.0:F1} KB |");
    }
}

Console.WriteLine(report);
if (options.OutPath is not null)
{
    await File.WriteAllTextAsync(options.OutPath, report.ToString(), CancellationToken.None);
}

return failed ? 1 : 0;

static double Median(List<LoginSteps> samples, Func<LoginSteps, double> step)
{
    var sorted = samples.Select(step).Order().ToList();
    return sorted[sorted.Count / 2];
}

// The password check of every login: the same hasher settings as the app (PasswordHashing.ConfigureHasher). Wall time,
// and this process's CPU time, which on a busy machine stays close to what one verification costs on an idle core.
static (double Wall, double Cpu) MeasurePbkdf2()
{
    var options = new PasswordHasherOptions();
    PasswordHashing.ConfigureHasher(options);
    var hasher = new PasswordHasher<TenantAccount>(Microsoft.Extensions.Options.Options.Create(options));
    var account = new TenantAccount();
    var hash = hasher.HashPassword(account, "violeta trombone caderno pipoca 42");
    var wall = new List<double>();
    var cpu = new List<double>();
    using var self = Process.GetCurrentProcess();
    for (var i = 0; i < 7; i++)
    {
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        hasher.VerifyHashedPassword(account, hash, "violeta trombone caderno pipoca 42");
        wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        self.Refresh();
        cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    wall.Sort();
    cpu.Sort();
    return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
}

// The machine's load as uptime shows it, so a figure can be read against what else was running.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string FindHostDll()
{
    const string dll = "PocTracker.Identity.dll";
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
    var built = folder is null ? null : Path.Combine(folder.FullName, "apps", "Identity", "bin", configuration, "net10.0", dll);
    return File.Exists(built) ? built : throw new FileNotFoundException($"{dll} not found; build apps/Identity.");
}
