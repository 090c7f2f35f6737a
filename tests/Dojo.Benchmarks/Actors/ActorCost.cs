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
/// does before the sidecar (stages, then serialises every staged value as JSON on save), fed one submission at a time
/// as the actor's turns are. Each submission is one keystroke based on a revision <c>--behind</c> revisions old, as an
/// editor's is in a busy room, so it is transformed over that many operations. What it cannot measure here is the
/// sidecar and the state store (one transaction per save): the report says how those add up.
/// </summary>
internal static class ActorCost
{
    private const string Usage = """
        Usage: bench-dojo.sh --actor-cost [--submissions N] [--behind N] [--document N]
          --submissions N  submissions measured, after a tenth as many for warm-up (default 20000)
          --behind N       how many revisions old each submission's base is (default 35: 20 ms of a 1,750-operation/s room)
          --document N     the document's length before the first submission (default 18000)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var submissions = 20_000;
        var behind = 35;
        var document = 18_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--submissions" when i + 1 < args.Length:
                    submissions = int.Parse(args[++i], CultureInfo.InvariantCulture);
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
        var warmup = Math.Max(1, submissions / 10);
        var times = new long[submissions];
        var clock = Stopwatch.StartNew();
        var measuredFrom = 0L;
        var savesBefore = 0L;
        var bytesBefore = 0L;
        for (var i = -warmup; i < submissions; i++)
        {
            if (i == 0)
            {
                measuredFrom = clock.ElapsedTicks;
                savesBefore = state.Saves;
                bytesBefore = state.BytesSaved;
            }

            var baseRevision = Math.Max(1, revision - behind);
            var lengthAtBase = document + (baseRevision - 1); // every keystroke adds one character
            var submission = new ActorSubmission($"editor-{i & 511}", ++seq, baseRevision,
                TextOperation.Splice(lengthAtBase, random.Next(lengthAtBase + 1), 0, "x"));
            var started = clock.ElapsedTicks;
            var result = await SubmitAsync(actor, submission);
            if (i >= 0)
            {
                times[i] = clock.ElapsedTicks - started;
            }

            revision = result.Revision;
        }

        var seconds = (clock.ElapsedTicks - measuredFrom) / (double)Stopwatch.Frequency;
        Array.Sort(times);
        double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        var p50 = Micros(times[times.Length / 2]);
        var p99 = Micros(times[(int)(times.Length * 0.99)]);
        var mean = seconds * 1_000_000 / submissions;
        var saves = state.Saves - savesBefore;
        var bytes = state.BytesSaved - bytesBefore;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"DojoRoomActor under Dapr's test host, in-memory state manager (values serialised as JSON on save, as Dapr's does before the sidecar); {submissions:N0} one-keystroke submissions after {warmup:N0} for warm-up, each based {behind} revisions back, document {document:N0} characters at the start; room options as shipped (snapshot every {options.SnapshotEvery}, {options.RetainedOperations:N0} operations kept).");
        report.AppendLine();
        report.AppendLine("| submissions | per submission: mean µs | p50 µs | p99 µs | submissions/s (one actor, no sidecar) | saves per submission | JSON bytes per save |");
        report.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {submissions:N0} | {mean:N1} | {p50:N1} | {p99:N1} | {submissions / seconds:N0} | {saves / (double)submissions:N2} | {bytes / (double)Math.Max(1, saves):N0} |");
        report.AppendLine();
        report.AppendLine("Each accepted submission is one state save (one sidecar call, one state-store transaction) inside the actor's turn, so one room's");
        report.AppendLine(CultureInfo.InvariantCulture, $"submissions/s through the actor are at most 1 / (the cost above + one save's round trip): {Ceiling(mean, 1):N0}/s with a 1 ms save, {Ceiling(mean, 3):N0}/s with 3 ms, {Ceiling(mean, 6.2):N0}/s with 6.2 ms.");
        Console.WriteLine(report);
        return 0;
    }

    private static double Ceiling(double ownMicros, double saveMillis) => 1_000_000 / (ownMicros + saveMillis * 1_000);

    private static async Task<ActorSubmitResult> SubmitAsync(DojoRoomActor actor, ActorSubmission submission)
    {
        var result = await actor.SubmitAsync(submission);
        return result.Outcome == ActorSubmitOutcome.Accepted
            ? result
            : throw new InvalidOperationException($"The actor answered {result.Outcome} ({result.RefusedCode}: {result.RefusedMessage}) to a valid keystroke.");
    }
}
