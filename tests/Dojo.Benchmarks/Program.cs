using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PocTracker.Dojo.Benchmarks;
using PocTracker.Dojo.Benchmarks.Rooms;

// The dojo OT benchmark (./bench-dojo.sh, docs/performance.md "Dojo OT engine"): replays editing
// traces keystroke by keystroke through the C# engine and, in the same run, through ot.js under node.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "--room-latency")
{
    return await RoomLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "--actor-cost")
{
    return await PocTracker.Dojo.Benchmarks.Actors.ActorCost.RunAsync(args[1..]);
}

const string Usage = """
    Usage: bench-dojo.sh [TRACES] [--latency N] [--runs N] [--out PATH]
      TRACES        a folder of *.json.gz editing traces, or trace files (default: ../shared/data/editing-traces)
      --latency N   steps (keystrokes) each message takes between a client and the server (default 5)
      --runs N      runs of each phase per engine; the fastest is reported (default 3)
      --out PATH    also write the Markdown report to PATH
    Or: bench-dojo.sh --room-latency [options]   (--room-latency --help for its options)
    Or: bench-dojo.sh --actor-cost [options]     (the room actor's own cost per submission; --actor-cost --help)
    """;

var paths = new List<string>();
var latency = 5;
var runs = 3;
string? outPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case "--latency" when i + 1 < args.Length:
            latency = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs" when i + 1 < args.Length:
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        default:
            paths.Add(args[i]);
            break;
    }
}

var traces = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.json.gz").Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
if (traces.Count == 0 || traces.Any(t => !File.Exists(t)) || latency < 1 || runs < 1)
{
    Console.Error.WriteLine(traces.Count == 0 ? "No traces given." : "A trace file was not found, or an option is out of range.");
    Console.Error.WriteLine(Usage);
    return 2;
}

var report = new StringBuilder();
// The GC matters (bench-dojo.sh runs this under the dojo app's server GC), so the report says which ran.
var gc = System.Runtime.GCSettings.IsServerGC ? "server GC, as the dojo app" : "workstation GC, not the dojo app's server GC";
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {gc}; fastest of {runs} runs per phase; latency {latency} steps.");
report.AppendLine();
report.AppendLine("| trace | patches | phase | C# ms | C# ops/s | C# MB allocated | ot.js ms | ot.js ops/s | C# ÷ ot.js |");
report.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|");
string? nodeVersion = null;
foreach (var path in traces)
{
    var trace = EditingTrace.Load(path);
    Console.Error.WriteLine($"{trace.Name}: {trace.Patches.Length:N0} patches, C#...");
    var operations = TraceReplay.BuildOperations(trace);
    var gapBuffer = Best(runs, () => TraceReplay.ApplyToTextDocument(trace, operations));
    var strings = Best(runs, () => TraceReplay.ApplyToString(trace, operations));
    var server = Best(runs, () => TraceReplay.ServerWithTwoClients(trace, latency));
    Console.Error.WriteLine($"{trace.Name}: ot.js under node...");
    var otJs = OtJsReplay.Run(path, latency, runs);
    nodeVersion = otJs.Node;
    if ((server.Revisions, server.ServerTransforms, server.ClientTransforms, server.ClientComposes) !=
        (otJs.Server.Revisions, otJs.Server.ServerTransforms, otJs.Server.ClientTransforms, otJs.Server.ClientComposes))
    {
        throw new InvalidOperationException($"{trace.Name}: the two engines did different work ({server} vs {otJs.Server}).");
    }

    Row(trace.Name, trace.Patches.Length, "apply: C# TextDocument vs ot.js string", gapBuffer, otJs.Apply);
    Row("", trace.Patches.Length, "apply: C# string vs ot.js string", strings, otJs.Apply);
    Row("", trace.Patches.Length, $"server + 2 clients ({server.Revisions:N0} revisions, {server.ServerTransforms + server.ClientTransforms:N0} transforms, {server.ClientComposes:N0} composes)", server, otJs.Server);
    Row("", trace.Patches.Length, $"of which the server's own part ({server.ServerTransforms:N0} transforms, {server.Revisions:N0} applies: what a room does under its lock)",
        server with { Milliseconds = server.ServerMilliseconds, Operations = server.Revisions, AllocatedBytes = null }, otJs.Server with { Milliseconds = otJs.Server.ServerMilliseconds, Operations = otJs.Server.Revisions });
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"ot.js 0.0.15 under node {nodeVersion}. ops/s: trace patches (server phase: both clients' patches; the server's own part: revisions) per second. MB allocated: managed-heap bytes the reported C# run allocated in its timed part (GC.GetAllocatedBytesForCurrentThread; the server's own part is not counted apart).");
Console.WriteLine(report);
if (outPath is not null)
{
    File.WriteAllText(outPath, report.ToString());
}

return 0;

static PhaseResult Best(int runs, Func<PhaseResult> phase)
{
    // Unrecorded runs for at least a second first: the JIT compiles, profiles (dynamic PGO) and
    // recompiles the hot paths in the background, and a room's server lives long enough to run
    // that final code, not the first quick one.
    var warmUp = System.Diagnostics.Stopwatch.StartNew();
    do
    {
        phase();
    }
    while (warmUp.Elapsed < TimeSpan.FromSeconds(1));

    var best = phase();
    for (var i = 1; i < runs; i++)
    {
        var run = phase();
        if (run.Milliseconds < best.Milliseconds)
        {
            best = run;
        }
    }

    return best;
}

void Row(string name, int patches, string phase, PhaseResult csharp, PhaseResult otJs) =>
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {name} | {patches:N0} | {phase} | {csharp.Milliseconds:N1} | {csharp.OperationsPerSecond:N0} | {(csharp.AllocatedBytes is { } bytes ? (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture) : "—")} | {otJs.Milliseconds:N1} | {otJs.OperationsPerSecond:N0} | {otJs.Milliseconds / csharp.Milliseconds:N1}× |");
