using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Rooms;
using PocTracker.ServiceDefaults.Database;
using PocTracker.LocalPostgres;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.Benchmarks;

/// <summary>
/// Issue 6 item 8b (<c>./bench-dojo.sh --room-latency</c>, docs/performance.md "Dojo room latency"):
/// the dojo app as its own process on loopback over a throwaway PostgreSQL, one room with N SDK
/// editors each typing one keystroke every 1/rate s, and the time from a submission leaving its
/// editor to the broadcast arriving at every other editor, p50/p99 over all receivers. First at N =
/// <c>--editors</c>, then stepping N up until p99 reaches <c>--target-ms</c> (or <c>--max-editors</c>).
/// </summary>
internal static class RoomLatency
{
    public const string Usage = """
        Usage: bench-dojo.sh --room-latency [--editors N] [--step N] [--max-editors N] [--rate R]
                                            [--seconds S] [--warmup S] [--target-ms MS] [--no-fsync] [--out PATH]
          --editors N      the first (reported) room size (default 50)
          --step N         then N grows by this much while p99 < target (default 50; 0: only the first size)
          --max-editors N  stop searching here (default 400)
          --rate R         keystrokes per second per editor (default 5)
          --seconds S      measured seconds per size (default 10), after --warmup S (default 3)
          --target-ms MS   the p99 the search keeps under (default 100)
          --no-fsync       PostgreSQL without fsync (default: durable commits, as in production)
          --out PATH       also write the Markdown report to PATH
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        int editors = 50, step = 50, maxEditors = 400, rate = 5, seconds = 10, warmup = 3, targetMs = 100;
        var durable = true;
        string? outPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--editors" when i + 1 < args.Length: editors = Next(); break;
                case "--step" when i + 1 < args.Length: step = Next(); break;
                case "--max-editors" when i + 1 < args.Length: maxEditors = Next(); break;
                case "--rate" when i + 1 < args.Length: rate = Next(); break;
                case "--seconds" when i + 1 < args.Length: seconds = Next(); break;
                case "--warmup" when i + 1 < args.Length: warmup = Next(); break;
                case "--target-ms" when i + 1 < args.Length: targetMs = Next(); break;
                case "--no-fsync": durable = false; break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}.\n{Usage}");
                    return 2;
            }
        }

        if (editors < 2 || rate < 1 || seconds < 1 || warmup < 0 || step < 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"poctracker-bench-dojo-{Environment.ProcessId}");
        Console.Error.WriteLine($"Starting PostgreSQL in {folder} ({(durable ? "fsync on" : "fsync off")})");
        await using var postgres = await LocalPostgresServer.StartAsync(Path.Combine(folder, "postgres"), PostgresBinaries.Find(null), durable, NullLogger.Instance);
        try
        {
            var database = await postgres.ProvisionDatabaseAsync(DojoModule.AppId);
            await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Dojo.dll"), Settings(database), AppProcess.FreeLoopbackPort(), CancellationToken.None);
            var owner = new TestUser(Guid.NewGuid(), Guid.NewGuid(), "owner");
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; load before: {Load()}.");
            report.AppendLine(CultureInfo.InvariantCulture, $"One room, each editor {rate} keystrokes/s, {warmup} s warm-up then {seconds} s measured; the dojo app (own process) and every editor (this process) on loopback; PostgreSQL {(durable ? "with fsync" : "without fsync")}.");
            report.AppendLine();
            report.AppendLine("| editors | submissions/s | broadcasts received/s | p50 ms | p99 ms | max ms | load after |");
            report.AppendLine("|--:|--:|--:|--:|--:|--:|---|");
            int? best = null;
            for (var n = editors; n <= Math.Max(editors, maxEditors); n += step)
            {
                Console.Error.WriteLine($"{n} editors...");
                var result = await MeasureAsync(app.BaseAddress, owner, n, rate, warmup, seconds);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {n} | {result.SubmissionsPerSecond:N0} | {result.ReceivedPerSecond:N0} | {result.P50:N1} | {result.P99:N1} | {result.Max:N1} | {Load()} |");
                Console.Error.WriteLine($"  p50 {result.P50:N1} ms, p99 {result.P99:N1} ms");
                if (result.P99 >= targetMs)
                {
                    break;
                }

                best = n;
                if (step == 0)
                {
                    break;
                }
            }

            report.AppendLine();
            report.AppendLine(best is { } most
                ? $"Most editors measured with p99 < {targetMs} ms: {most}{(most + step > maxEditors ? $" (the --max-editors cap)" : "")}."
                : $"p99 reached {targetMs} ms at the first size.");
            Console.WriteLine(report);
            if (outPath is not null)
            {
                await File.WriteAllTextAsync(outPath, report.ToString());
            }

            return 0;
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

    private static Dictionary<string, string?> Settings(AppDatabaseConnections database) => new()
    {
        ["ConnectionStrings__dojo"] = database.App,
        ["ConnectionStrings__dojo-relay"] = database.Relay,
        ["ConnectionStrings__dojo-migrations"] = database.Migrations,
        ["Database__MigrateOnStartup"] = "true",
        ["Auth__Issuer"] = TestTokens.Issuer,
        ["Auth__Audiences__0"] = DojoModule.AppId,
        ["Auth__SigningKeys"] = TestTokens.Jwks,
    };

    private static async Task<Result> MeasureAsync(Uri server, TestUser owner, int count, int rate, int warmup, int seconds)
    {
        Guid roomId;
        using (var http = new HttpClient { BaseAddress = server })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(owner, audience: DojoModule.AppId, lifetime: TimeSpan.FromHours(1)));
            roomId = (await new DojoRoomsClient(http).CreateAsync(new CreateRoomRequest($"Latency {count}", "csharp"))).Id;
        }

        var editors = new List<Editor>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var token = TestTokens.For(owner.Colleague(), audience: DojoModule.AppId, lifetime: TimeSpan.FromHours(1));
                editors.Add(await Editor.JoinAsync(server, token, roomId));
            }

            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var measureFrom = Stopwatch.GetTimestamp() + (warmup * Stopwatch.Frequency);
            var typing = editors.Select((editor, index) => editor.TypeAsync(rate, new Random(index), stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(warmup + seconds)); // the run's length: what is measured is inside
            var measureTo = Stopwatch.GetTimestamp();
            await stop.CancelAsync();
            await Task.WhenAll(typing);
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Task.WhenAll(editors.Select(e => e.Session.WaitUntilAsync(s => s.IsSynchronized, drain.Token)));

            var sent = new Dictionary<int, long>();
            foreach (var editor in editors)
            {
                foreach (var (revision, at) in editor.SentByRevision())
                {
                    sent[revision] = at;
                }
            }

            var latencies = new List<double>();
            var submissions = sent.Values.Count(at => at >= measureFrom && at < measureTo);
            foreach (var editor in editors)
            {
                foreach (var (revision, arrived) in editor.Received())
                {
                    if (sent.TryGetValue(revision, out var at) && at >= measureFrom && at < measureTo)
                    {
                        latencies.Add((arrived - at) * 1000.0 / Stopwatch.Frequency);
                    }
                }
            }

            latencies.Sort();
            double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            return new Result(submissions / (double)seconds, latencies.Count / (double)seconds, Percentile(0.50), Percentile(0.99), latencies.Count == 0 ? double.NaN : latencies[^1]);
        }
        finally
        {
            await Task.WhenAll(editors.Select(e => e.DisposeAsync().AsTask()));
        }
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Result(double SubmissionsPerSecond, double ReceivedPerSecond, double P50, double P99, double Max);

    /// <summary>One SDK editor: its connection, when each of its submissions left, and when each remote operation arrived.</summary>
    private sealed class Editor : IAsyncDisposable
    {
        private readonly DojoConnection connection;
        private readonly Dictionary<long, long> sentAt = [];
        private readonly List<(int Revision, long At)> sent = [];
        private readonly List<(int Revision, long At)> received = [];

        private Editor(DojoConnection connection, DojoSession session)
        {
            this.connection = connection;
            Session = session;
            // Raised under the session's lock: plain list appends, read after the run.
            session.Sending += (_, submission) => sentAt[submission.Seq] = Stopwatch.GetTimestamp();
            session.Acknowledged += (_, submission) =>
            {
                if (sentAt.Remove(submission.Seq, out var at))
                {
                    sent.Add((submission.Revision, at));
                }
            };
            session.Changed += (_, change) =>
            {
                if (change.Kind == DojoChangeKind.Remote)
                {
                    received.Add((change.Revision, Stopwatch.GetTimestamp()));
                }
            };
        }

        public DojoSession Session { get; }

        public static async Task<Editor> JoinAsync(Uri server, string token, Guid roomId)
        {
            var connection = new DojoConnection(new DojoConnectionOptions { ServerAddress = server, AccessTokenProvider = () => Task.FromResult<string?>(token) });
            await connection.StartAsync();
            return new Editor(connection, await connection.JoinAsync(roomId));
        }

        public async Task TypeAsync(int rate, Random random, CancellationToken stop)
        {
            // A random phase, so the editors' keystrokes spread over the period instead of arriving together.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000 / rate)), stop);
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / rate));
                do
                {
                    Session.Edit(text => TextOperation.Splice(text.Length, random.Next(text.Length + 1), 0, "x"));
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the run is over
            }
        }

        public List<(int Revision, long At)> SentByRevision() => sent;

        public List<(int Revision, long At)> Received() => received;

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
