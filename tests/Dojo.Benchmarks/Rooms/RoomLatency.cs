using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.Contracts.Dojo;
using PocTracker.Sdk.Rooms;
using PocTracker.ServiceDefaults.Database;
using PocTracker.LocalPostgres;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.Benchmarks.Rooms;

/// <summary>
/// Issue 6 item 8b, reworked for issue 19 (<c>./bench-dojo.sh --room-latency</c>, docs/performance.md "Dojo room
/// latency"): the dojo app as its own process on loopback over a throwaway PostgreSQL, one new room per size
/// with N editors each typing one keystroke every 1/rate s. Most editors are <see cref="LightEditor"/>s (a raw
/// WebSocket that timestamps frames and matches revisions), a few are <see cref="SdkEditor"/>s whose texts must
/// converge. Per size: submissions offered (keystrokes typed) and accepted (acknowledged) per second, deliveries
/// per second, p50/p95/p99/max from a submission leaving its editor to its arrival at every other editor, and
/// the CPU share of the generator, the app, PostgreSQL and everything else on the machine. A size whose accepted
/// rate is under 95 % of the offered one is saturated: its latencies are not a pass.
/// </summary>
internal static class RoomLatency
{
    /// <summary>Accepted under this share of offered: the room did not keep up, whatever the latencies say.</summary>
    private const double SaturatedBelow = 0.95;

    public const string Usage = """
        Usage: bench-dojo.sh --room-latency [--editors N] [--step N] [--max-editors N] [--rate R] [--sdk-editors N]
                                            [--seconds S] [--warmup S] [--target-ms MS] [--all-sizes] [--no-fsync] [--out PATH]
          --editors N      the first room size (default 50)
          --step N         then N grows by this much while the size passes (default 50; 0: only the first size)
          --max-editors N  the largest size tried (default 400)
          --rate R         keystrokes per second per editor (default 5)
          --sdk-editors N  of each room's editors, this many run the full SDK and must converge (default 3); the
                           others are light WebSocket clients that only timestamp frames and match revisions
          --seconds S      measured seconds per size (default 10), after --warmup S (default 3)
          --target-ms MS   a size passes with p99 under this (default 100), not saturated (accepted >= 95 % of offered)
          --all-sizes      measure every size up to --max-editors, also after one did not pass (the whole curve)
          --no-fsync       PostgreSQL without fsync (default: durable commits, as in production)
          --out PATH       also write the Markdown report to PATH
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--editors" when i + 1 < args.Length: options.Editors = Next(); break;
                case "--step" when i + 1 < args.Length: options.Step = Next(); break;
                case "--max-editors" when i + 1 < args.Length: options.MaxEditors = Next(); break;
                case "--rate" when i + 1 < args.Length: options.Rate = Next(); break;
                case "--sdk-editors" when i + 1 < args.Length: options.SdkEditors = Next(); break;
                case "--seconds" when i + 1 < args.Length: options.Seconds = Next(); break;
                case "--warmup" when i + 1 < args.Length: options.Warmup = Next(); break;
                case "--target-ms" when i + 1 < args.Length: options.TargetMs = Next(); break;
                case "--no-fsync": options.Durable = false; break;
                case "--all-sizes": options.AllSizes = true; break;
                case "--out" when i + 1 < args.Length: options.OutPath = args[++i]; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}.\n{Usage}");
                    return 2;
            }
        }

        if (options.Editors < 2 || options.Rate < 1 || options.Rate > 1000 || options.Seconds < 1 || options.Warmup < 0 || options.Step < 0 || options.SdkEditors < 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"poctracker-bench-dojo-{Environment.ProcessId}");
        Console.Error.WriteLine($"Starting PostgreSQL in {folder} ({(options.Durable ? "fsync on" : "fsync off")})");
        await using var postgres = await LocalPostgresServer.StartAsync(Path.Combine(folder, "postgres"), PostgresBinaries.Find(null), options.Durable, NullLogger.Instance);
        var report = new StringBuilder();
        Func<string>? appLines = null;
        try
        {
            var database = await postgres.ProvisionDatabaseAsync(DojoModule.AppId);
            var metricsPort = AppProcess.FreeLoopbackPort();
            await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Dojo.dll"), Settings(database, metricsPort), AppProcess.FreeLoopbackPort(), CancellationToken.None);
            appLines = app.LastLines;
            using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
            var host = new Host(app, CpuSample.PostmasterPid(postgres.DataDirectory), new TestUser(Guid.NewGuid(), Guid.NewGuid(), "owner"), metrics, postgres.AdminConnectionString);
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; load average before: {Load()}.");
            report.AppendLine(CultureInfo.InvariantCulture, $"One new room per size, each editor {options.Rate} keystrokes/s ({options.SdkEditors} on the SDK, the others light WebSocket clients), {options.Warmup} s warm-up then {options.Seconds} s measured; the dojo app (own process), PostgreSQL ({(options.Durable ? "with fsync" : "without fsync")}) and the generator (this process, every editor) on loopback.");
            report.AppendLine("CPU: each process's share of the machine (all cores) over the measured seconds; \"others\" is what the rest of the machine used meanwhile. Pauses: garbage-collector pause time (and generation-2 collections) of the app and of the generator, and PostgreSQL checkpoints, in the measured seconds.");
            report.AppendLine();
            report.AppendLine("| editors | offered sub/s | accepted sub/s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | CPU generator | CPU app | CPU PostgreSQL | CPU others | load after | pauses | verdict |");
            report.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|");
            var notes = new List<string>();
            int? best = null;
            var failedBefore = false; // with --all-sizes: the most editors is the last size passed before the first that did not
            for (var n = options.Editors; n <= Math.Max(options.Editors, options.MaxEditors); n += Math.Max(1, options.Step))
            {
                Console.Error.WriteLine($"{n} editors...");
                var result = await MeasureAsync(host, options, n);
                var verdict = result.Verdict(options.TargetMs);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {n} | {result.Offered:N0} | {result.Accepted:N0} | {result.Deliveries:N0} | {result.P50:N1} | {result.P95:N1} | {result.P99:N1} | {result.Max:N1} | {result.Cpu.Generator:N0} % | {result.Cpu.Server:N0} % | {result.Cpu.Postgres:N0} % | {result.Cpu.Others:N0} % | {Load()} | {result.Pauses} | {verdict} |");
                notes.Add($"{n} editors: {result.Convergence}{(result.FirstDrop is { } drop ? $"; {result.Dropped} light editors left the room (the server closed their connection or sent a Resync; left out of the figures), the first: {drop}" : "")}");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  offered {result.Offered:N0}/s, accepted {result.Accepted:N0}/s, p50 {result.P50:N1} ms, p95 {result.P95:N1} ms, p99 {result.P99:N1} ms; CPU generator {result.Cpu.Generator:N0} %, app {result.Cpu.Server:N0} %, PostgreSQL {result.Cpu.Postgres:N0} %, others {result.Cpu.Others:N0} %; pauses: {result.Pauses}; {verdict}"));
                if (result.FirstDrop is not null)
                {
                    Console.Error.WriteLine($"  {result.Dropped} editors left the room; the dojo app's last lines:\n{app.LastLines()}");
                }

                if (!result.Converged)
                {
                    throw new InvalidOperationException($"The editors did not converge at {n} editors: {result.Convergence}");
                }

                if (result.Passes(options.TargetMs) && !failedBefore)
                {
                    best = n;
                }
                else if (!result.Passes(options.TargetMs))
                {
                    failedBefore = true;
                    if (!options.AllSizes)
                    {
                        break;
                    }
                }

                if (options.Step == 0)
                {
                    break;
                }
            }

            report.AppendLine();
            foreach (var note in notes)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            report.AppendLine();
            report.AppendLine(best is { } most
                ? $"Most editors measured with p99 < {options.TargetMs} ms and not saturated: {most}{(options.Step > 0 && most + options.Step > options.MaxEditors ? " (the --max-editors cap)" : "")}."
                : $"The first size did not pass (p99 < {options.TargetMs} ms, accepted ≥ {SaturatedBelow:P0} of offered).");
            Console.WriteLine(report);
            if (options.OutPath is not null)
            {
                await File.WriteAllTextAsync(options.OutPath, report.ToString());
            }

            return 0;
        }
        catch (InvalidOperationException failure)
        {
            // What was measured before the failure is still worth reading, and what the app said last.
            Console.WriteLine(report);
            Console.Error.WriteLine($"The room benchmark failed: {failure.Message}\nThe dojo app's last lines:\n{appLines?.Invoke()}");
            return 1;
        }
        finally
        {
            await postgres.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held by a stopping process: the OS cleans /tmp
            }
        }
    }

    private static Dictionary<string, string?> Settings(AppDatabaseConnections database, int metricsPort)
    {
        var settings = TestHostSettings.ForAppProcess(DojoModule.AppId, database);
        // Its Prometheus metrics on a loopback management port: the GC pauses come from there (PauseSample).
        settings["Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        settings["Metrics__Host"] = "127.0.0.1";
        return settings;
    }

    private static async Task<SizeResult> MeasureAsync(Host host, Options options, int count)
    {
        Guid roomId;
        using (var http = new HttpClient { BaseAddress = host.App.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", Token(host.Owner));
            roomId = (await new DojoRoomsClient(http).CreateAsync(new CreateRoomRequest($"Latency {count}", "csharp"))).Id;
        }

        // Sized so the receive loops rarely grow their arrays while measuring.
        var expectedRevisions = (count * options.Rate * (options.Warmup + options.Seconds + 2)) + 64;
        var sdk = new List<SdkEditor>();
        var light = new List<LightEditor>();
        CpuSample from, to;
        PauseSample pausesFrom, pausesTo;
        bool drained;
        (bool Converged, string Text) convergence;
        try
        {
            for (var i = 0; i < Math.Min(options.SdkEditors, count); i++)
            {
                sdk.Add(await SdkEditor.JoinAsync(host.App.BaseAddress, Token(host.Owner.Colleague()), roomId, expectedRevisions));
            }

            using (var joining = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                for (var i = sdk.Count; i < count; i++)
                {
                    light.Add(await LightEditor.JoinAsync(host.App.BaseAddress, Token(host.Owner.Colleague()), roomId, i, expectedRevisions, joining.Token));
                    joining.CancelAfter(TimeSpan.FromSeconds(30)); // per join, however many there are
                }
            }

            using var stop = new CancellationTokenSource();
            var typing = sdk.Select((editor, index) => editor.TypeAsync(options.Rate, new Random(index), stop.Token))
                .Concat(light.Select(editor => editor.TypeAsync(options.Rate, stop.Token)))
                .ToList();
            await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
            pausesFrom = await PauseSample.TakeAsync(host.Metrics, host.PostgresAdmin);
            from = CpuSample.Take(() => host.App.ProcessorTime, host.PostmasterPid);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            to = CpuSample.Take(() => host.App.ProcessorTime, host.PostmasterPid);
            pausesTo = await PauseSample.TakeAsync(host.Metrics, host.PostgresAdmin);
            await stop.CancelAsync();
            await Task.WhenAll(typing);

            // Every keystroke acknowledged, then every editor at the last revision: nothing arrives after this,
            // and closing the connections (below) ends the receive loops before their arrays are read.
            drained = await DrainAsync(sdk, light);
            convergence = drained ? Convergence(sdk, light) : (true, "not checked: the room did not drain within 120 s");
        }
        finally
        {
            foreach (var editor in light)
            {
                await editor.DisposeAsync();
            }

            foreach (var editor in sdk)
            {
                await editor.DisposeAsync();
            }
        }

        if (light.Select(e => e.Fault).FirstOrDefault(f => f is not null) is { } fault)
        {
            throw new InvalidOperationException(fault);
        }

        return Summarise(sdk, light, from, to, drained, convergence) with { Pauses = PauseSample.Between(pausesFrom, pausesTo) };
    }

    private static async Task<bool> DrainAsync(List<SdkEditor> sdk, List<LightEditor> light)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await Task.WhenAll(light.Select(e => e.IdleAsync()).Concat(sdk.Select(e => e.Session.WaitUntilAsync(s => s.IsSynchronized, timeout.Token)))).WaitAsync(timeout.Token);
            var last = light.SelectMany(e => e.Acknowledged.Select(a => a.Revision)).Concat(sdk.SelectMany(e => e.Acknowledged.Select(a => a.Revision))).DefaultIfEmpty(0).Max();
            await Task.WhenAll(light.Select(e => e.ReachedAsync(last)).Concat(sdk.Select(e => e.Session.WaitUntilAsync(s => s.Revision >= last, timeout.Token)))).WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Every keystroke inserted one <c>x</c>: the SDK editors' texts must be the same, all <c>x</c>, as long as the
    /// number of keystrokes typed, and every light editor must have computed that length from what it received.
    /// </summary>
    private static (bool Converged, string Text) Convergence(List<SdkEditor> sdk, List<LightEditor> light)
    {
        // An editor the server dropped counts with what it had acknowledged; what it typed after that never left it.
        var typed = sdk.Sum(e => e.Typed.Count)
            + light.Where(e => e.Dropped is null).Sum(e => e.Typed.Count)
            + light.Where(e => e.Dropped is not null).Sum(e => e.Acknowledged.Sum(a => a.Keystrokes));
        light = light.Where(e => e.Dropped is null).ToList();
        var texts = sdk.Select(e => e.Session.Text).ToList();
        var problems = new List<string>();
        // An SDK editor the room resynced (it fell behind the room's transform history) started over from the room's
        // text and dropped its unacknowledged keystrokes, as the SDK does by design: the text then holds fewer than
        // were typed, and what must hold is that everyone agrees on it.
        var resets = sdk.Sum(e => e.Session.Resets);
        if (resets > 0 && texts.Count > 0 && texts[0].Length <= typed)
        {
            typed = texts[0].Length;
        }

        if (texts.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            problems.Add($"the SDK editors' texts differ (lengths {string.Join(", ", texts.Select(t => t.Length))})");
        }

        if (texts.FirstOrDefault(t => t.Length != typed || t.AsSpan().ContainsAnyExcept('x')) is { } wrong)
        {
            problems.Add($"an SDK editor's text is not the {typed:N0} x typed ({wrong.Length:N0} characters)");
        }

        if (light.FirstOrDefault(e => e.Length != typed) is { } off)
        {
            problems.Add($"{off.ClientId} computed a length of {off.Length:N0}, not {typed:N0}");
        }

        return problems.Count == 0
            ? (true, $"converged: {sdk.Count} SDK editors hold the same text, {(resets > 0 ? $"{typed:N0} x (an SDK editor was resynced {resets} times and dropped its unacknowledged keystrokes)" : $"the {typed:N0} keystrokes typed")}, and every light editor's length agrees{(sdk.Sum(e => e.Session.Rejoins) is > 0 and var rejoins ? $"; the SDK editors rejoined {rejoins} times (the server closed their connections)" : "")}")
            : (false, string.Join("; ", problems) + $" (SDK editors resynced {resets} times, rejoined {sdk.Sum(e => e.Session.Rejoins)} times)");
    }

    private static SizeResult Summarise(List<SdkEditor> sdk, List<LightEditor> light, CpuSample from, CpuSample to, bool drained, (bool Converged, string Text) convergence)
    {
        bool InWindow(long at) => at >= from.At && at < to.At;
        var seconds = (to.At - from.At) / (double)Stopwatch.Frequency;
        // Editors the server dropped are left out (their submissions before that are kept): they stopped receiving.
        var dropped = light.Where(e => e.Dropped is not null).ToList();
        light = light.Where(e => e.Dropped is null).ToList();
        var acknowledged = sdk.Select(e => e.Acknowledged.Select(a => (a.Revision, a.SentAt, a.AckedAt)).ToList())
            .Concat(light.Select(e => e.Acknowledged.Select(a => (a.Revision, a.SentAt, a.AckedAt)).ToList()))
            .Concat(dropped.Select(e => e.Acknowledged.Select(a => (a.Revision, a.SentAt, AckedAt: 0L)).ToList()))
            .ToList();
        var receivers = sdk.Select(e => e.Arrivals).Concat(light.Select(e => e.Arrivals)).ToList(); // closed: no more writes
        var last = acknowledged.SelectMany(a => a).Select(a => a.Revision).DefaultIfEmpty(0).Max();
        var sentAt = new long[last + 1];
        var submitter = new int[last + 1];
        Array.Fill(submitter, -1);
        var accepted = 0;
        for (var editor = 0; editor < acknowledged.Count; editor++)
        {
            foreach (var (revision, sent, acked) in acknowledged[editor])
            {
                sentAt[revision] = sent;
                submitter[revision] = editor;
                accepted += InWindow(acked) ? 1 : 0;
            }
        }

        var latencies = new List<long>();
        long deliveries = 0, undelivered = 0;
        for (var editor = 0; editor < receivers.Count; editor++)
        {
            var arrivals = receivers[editor];
            for (var revision = 1; revision <= last; revision++)
            {
                if (submitter[revision] < 0 || submitter[revision] == editor)
                {
                    continue;
                }

                var arrived = revision < arrivals.Length ? arrivals[revision] : 0;
                deliveries += InWindow(arrived) ? 1 : 0;
                if (InWindow(sentAt[revision]))
                {
                    if (arrived == 0)
                    {
                        undelivered++;
                    }
                    else
                    {
                        latencies.Add(arrived - sentAt[revision]);
                    }
                }
            }
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN
            : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)] * 1000.0 / Stopwatch.Frequency;
        var offered = sdk.Sum(e => e.Typed.Count(InWindow)) + light.Sum(e => e.Typed.Count(InWindow));
        return new SizeResult(
            offered / seconds, accepted / seconds, deliveries / seconds,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), Percentile(1.0),
            CpuSample.Between(from, to), drained, undelivered, dropped.Count, dropped.Select(e => e.Dropped).FirstOrDefault(), convergence.Converged, convergence.Text);
    }

    private static string Token(TestUser user) => TestTokens.For(user, audience: DojoModule.AppId, lifetime: TimeSpan.FromHours(1));

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class Options
    {
        public int Editors { get; set; } = 50;
        public int Step { get; set; } = 50;
        public int MaxEditors { get; set; } = 400;
        public int Rate { get; set; } = 5;
        public int SdkEditors { get; set; } = 3;
        public int Seconds { get; set; } = 10;
        public int Warmup { get; set; } = 3;
        public int TargetMs { get; set; } = 100;
        public bool Durable { get; set; } = true;
        public bool AllSizes { get; set; }
        public string? OutPath { get; set; }
    }

    private sealed record Host(AppProcess App, int? PostmasterPid, TestUser Owner, HttpClient Metrics, string PostgresAdmin);

    private sealed record SizeResult(
        double Offered, double Accepted, double Deliveries, double P50, double P95, double P99, double Max,
        CpuSample.Shares Cpu, bool Drained, long Undelivered, int Dropped, string? FirstDrop, bool Converged, string Convergence)
    {
        /// <summary>GC pauses and checkpoints in the measured seconds (<see cref="PauseSample.Between"/>).</summary>
        public string Pauses { get; init; } = "";

        public bool Saturated => Accepted < SaturatedBelow * Offered;

        public bool Passes(int targetMs) => Drained && Undelivered == 0 && Dropped == 0 && !Saturated && P99 < targetMs;

        public string Verdict(int targetMs) =>
            !Drained ? "**did not drain** (120 s)"
            : Dropped > 0 ? $"**{Dropped} editors out of the room** (closed or resynced)"
            : Undelivered > 0 ? $"**{Undelivered:N0} deliveries missing**"
            : Saturated ? $"**saturated** ({Accepted / Offered:P0} accepted)"
            : P99 < targetMs ? $"p99 < {targetMs} ms"
            : $"p99 ≥ {targetMs} ms";
    }
}
