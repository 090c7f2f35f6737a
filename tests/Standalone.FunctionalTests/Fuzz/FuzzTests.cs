using System.Diagnostics;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// Odd input on every route of the running product: each OpenAPI operation, the dojo hub's HTTP side, the
/// identity pages and the OAuth endpoints, as the owner, a member, nobody and a broken token. Nothing may
/// answer a 5xx, and each kind of endpoint answers an error in its own shape (<see cref="ResponseExpectation"/>).
/// A fixed seed and case count by default; <c>./fuzz.sh</c> runs longer with any seed. A failure prints
/// every failing request, grouped by route, with the answer and the server's log lines for it.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class FuzzTests(DemoHost host)
{
    [Fact]
    public async Task Every_route_answers_odd_input_without_a_server_error_and_in_its_error_shape()
    {
        var settings = FuzzSettings.FromEnvironment();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine("Demo host: " + host.StartTimes);
        output?.WriteLine($"Fuzz: {settings.Describe(host.Targets.Count)} ({settings.Parallelism} at a time). Again: {settings.Replay}");

        var clock = Stopwatch.StartNew();
        var outcomes = await new FuzzRun(host, settings).RunAsync();
        output?.WriteLine($"{outcomes.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s. Statuses per route:");
        output?.WriteLine(FuzzReport.Coverage(outcomes));

        // Every route was reached, and not only by requests refused at the door.
        Assert.Equal(host.Targets.Select(t => t.Route).Order(), outcomes.Select(o => o.Request.Target.Route).Distinct().Order());
        if (outcomes.Any(o => o.Violation is not null))
        {
            Assert.Fail(FuzzReport.Failures(settings, host.Targets.Count, outcomes, host.Knowns, host.Output));
        }
    }
}
