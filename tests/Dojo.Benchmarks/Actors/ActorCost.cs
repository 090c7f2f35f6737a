using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Runtime;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.Benchmarks.Actors;

/// <summary>
/// The room actor's own cost per submission (<c>./bench-dojo.sh --actor-cost</c>, docs/performance.md "The actor
/// path"): <see cref="DojoRoomActor"/> under Dapr's test host over an in-memory state manager that does what Dapr's
/// does before the sidecar (stages, then serialises every staged value as JSON on save), fed one call at a time
/// as the actor's turns are, each carrying <c>--batch</c> submissions. Each submission is one keystroke based on a revision <c>--behind</c> revisions old, as an
/// editor's is in a busy room, so it is transformed over that many operations. What it cannot measure here is the
/// sidecar and the state store (one transaction per save): the report says how those add up.
/// </summary>
internal static class ActorCost
{
    private const string Usage = """
        Usage: bench-dojo.sh --actor-cost [--submissions N] [--batch N] [--behind N] [--document N]
          --submissions N  submissions measured, after a tenth as many for warm-up (default 20000)
          --batch N        submissions per actor call (SubmitManyAsync, what a replica gathers while the previous call runs; default 1)
          --behind N       how many revisions old each submission's base is (default 35: 20 ms of a 1,750-operation/s room)
          --document N     the document's length before the first submission (default 18000)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var submissions = 20_000;
        var batch = 1;
        var behind = 35;
        var document = 18_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--submissions" when i + 1 < args.Length:
                    submissions = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--batch" when i + 1 < args.Length:
                    batch = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--behind" when i + 1 < args.Length:
                    behind = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--document" when i + 1 < args.Length:
                    document = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.WriteLine(Usage);
                    return args[i] is "--help" or "-h" ? 0 : 2;
            }
        }

        var options = new DojoRoomOptions();
        var state = new InMemoryActorState();
        var host = ActorHost.CreateForTest<DojoRoomActor>(new ActorTestOptions { ActorId = new ActorId(Guid.NewGuid().ToString()) });
        var actor = new DojoRoomActor(host, Microsoft.Extensions.Options.Options.Create(options), state);
        var random = new Random(19);
        var revision = 0;
        var seq = 0L;

        // The first submission sets the document's starting text; every later one is a keystroke.
        await SubmitAsync(actor, new ActorSubmission("seed", ++seq, 0, TextOperation.Splice(0, 0, 0, new string('a', document))));
        revision = 1;
        var calls = Math.Max(1, submissions / batch);
        submissions = calls * batch;
        var warmup = Math.Max(1, calls / 10);
        var times = new long[calls];
        var clock = Stopwatch.StartNew();
        var measuredFrom = 0L;
        var savesBefore = 0L;
        var bytesBefore = 0L;
        for (var i = -warmup; i < calls; i++)
        {
            if (i == 0)
            {
                measuredFrom = clock.ElapsedTicks;
                savesBefore = state.Saves;
                bytesBefore = state.BytesSaved;
            }

            // Every submission of a call is based on the same revision, as keystrokes that arrived together are.
            var baseRevision = Math.Max(1, revision - behind);
            var lengthAtBase = document + (baseRevision - 1); // every keystroke adds one character
            var together = new ActorSubmission[batch];
            for (var k = 0; k < batch; k++)
            {
                together[k] = new ActorSubmission($"editor-{(seq + k) & 511}", seq + k + 1, baseRevision,
                    TextOperation.Splice(lengthAtBase, random.Next(lengthAtBase + 1), 0, "x"));
            }

            seq += batch;
            var started = clock.ElapsedTicks;
            var results = await SubmitAsync(actor, together);
            if (i >= 0)
            {
                times[i] = clock.ElapsedTicks - started;
            }

            revision = results[^1].Revision;
        }

        var seconds = (clock.ElapsedTicks - measuredFrom) / (double)Stopwatch.Frequency;
        Array.Sort(times);
        double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        var p50 = Micros(times[times.Length / 2]);
        var p99 = Micros(times[(int)(times.Length * 0.99)]);
        var meanCall = seconds * 1_000_000 / calls;
        var mean = meanCall / batch;
        var saves = state.Saves - savesBefore;
        var bytes = state.BytesSaved - bytesBefore;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"DojoRoomActor under Dapr's test host, in-memory state manager (values serialised as JSON on save, as Dapr's does before the sidecar); {submissions:N0} one-keystroke submissions after {warmup:N0} for warm-up, each based {behind} revisions back, document {document:N0} characters at the start; room options as shipped (snapshot every {options.SnapshotEvery}, {options.RetainedOperations:N0} operations kept).");
        report.AppendLine();
        report.AppendLine("| submissions | per call | per submission: mean µs | per call: mean µs | p50 µs | p99 µs | submissions/s (one actor, no sidecar) | saves per submission | JSON bytes per save |");
        report.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {submissions:N0} | {batch} | {mean:N1} | {meanCall:N1} | {p50:N1} | {p99:N1} | {submissions / seconds:N0} | {saves / (double)submissions:N2} | {bytes / (double)Math.Max(1, saves):N0} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Each actor call is one turn and one state save (one sidecar call, one state-store transaction) for its {batch} submission(s), so one room's");
        report.AppendLine(CultureInfo.InvariantCulture, $"submissions/s through the actor are at most {batch} / (a call's cost above + one save's round trip): {Ceiling(meanCall, 1, batch):N0}/s with a 1 ms save, {Ceiling(meanCall, 3, batch):N0}/s with 3 ms, {Ceiling(meanCall, 6.2, batch):N0}/s with 6.2 ms.");
        Console.WriteLine(report);
        return 0;
    }

    private static double Ceiling(double callMicros, double saveMillis, int batch) => batch * 1_000_000 / (callMicros + saveMillis * 1_000);

    private static async Task<IReadOnlyList<ActorSubmitResult>> SubmitAsync(DojoRoomActor actor, params ActorSubmission[] submissions)
    {
        var results = await actor.SubmitManyAsync(submissions);
        return results.FirstOrDefault(r => r.Outcome != ActorSubmitOutcome.Accepted) is { } refused
            ? throw new InvalidOperationException($"The actor answered {refused.Outcome} ({refused.RefusedCode}: {refused.RefusedMessage}) to a valid keystroke.")
            : results;
    }
}
