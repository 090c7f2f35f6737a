using System.Globalization;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// Many SDK editors in one room typing at once, with connections dropped at random under them:
/// they all end on the room's text, and every marker anyone typed is in it exactly once.
/// </summary>
public sealed class ConvergenceTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private const int Clients = 10;
    private const int EditsEach = 80;
    private DojoHost host = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Snapshots every 16 operations as in the other tests, but a log long enough that a busy
        // room does not resync a client whose edit is merely queued behind nine others.
        host = new DojoHost(await postgres.NewDatabaseAsync("dojo"), retainedOperations: 200);
        _ = host.Server;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Ten_editors_typing_with_random_pauses_and_dropped_connections_converge_without_losing_an_edit()
    {
        var seed = Environment.GetEnvironmentVariable("DOJO_TEST_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed} (DOJO_TEST_SEED={seed} repeats this run)");
        try
        {
            await RunAsync(seed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Failed with seed {seed} (DOJO_TEST_SEED={seed} repeats it): {exception.Message}", exception);
        }
    }

    private async Task RunAsync(int seed)
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await host.CreateRoomAsync(owner);
        var participants = new List<SdkParticipant>();
        for (var i = 0; i < Clients; i++)
        {
            participants.Add(await SdkParticipant.JoinAsync(host, DojoHost.TokenFor(i == 0 ? owner : owner.Colleague()), roomId, $"c{i}"));
        }

        try
        {
            var typists = participants.Select((p, i) => new MarkedTypist(p.Session.ClientId, new Random(seed + i))).ToList();
            var drops = 0;
            await Task.WhenAll(participants.Select((participant, index) => Task.Run(async () =>
            {
                var random = new Random(seed ^ (index * 7919));
                for (var i = 0; i < EditsEach; i++)
                {
                    participant.Session.Edit(typists[index].Next);
                    if (random.Next(100) < 3)
                    {
                        participant.Drop();
                        Interlocked.Increment(ref drops);
                    }

                    // Pacing only: spreads the edits so they overlap differently; nothing waits on it.
                    await Task.Delay(random.Next(0, 20), Cancel);
                }
            }, Cancel)));

            var (revision, document) = await QuiescentAsync(participants, DojoHost.TokenFor(owner), roomId, host);

            Assert.All(participants, p => Assert.Empty(p.Errors));
            Assert.All(participants, p => Assert.Equal(0, p.Session.Resets));
            Assert.All(participants, p => Assert.Equal(document, p.Session.Text));
            Assert.True(drops == 0 || participants.Sum(p => p.Session.Rejoins) > 0, "Dropped connections were never rejoined.");
            foreach (var marker in typists.SelectMany(t => t.Markers))
            {
                Assert.True(Occurrences(document, marker) == 1, $"{marker} is in the room's text {Occurrences(document, marker)} times.");
            }

            Assert.True(revision > 0);
            TestContext.Current.TestOutputHelper?.WriteLine($"{revision} revisions, {drops} drops, {participants.Sum(p => p.Session.Rejoins)} rejoins, {document.Length} code units");
        }
        finally
        {
            foreach (var participant in participants)
            {
                await participant.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Waits until every editor is joined with all its edits acknowledged, then until each has seen
    /// the room's revision; returns the room's state as a new connection sees it.
    /// </summary>
    internal static async Task<(int Revision, string Document)> QuiescentAsync(IReadOnlyList<SdkParticipant> participants, string token, Guid roomId, DojoHost? host = null, Func<Task<(int, string)>>? observe = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAll(participants.Select(p => p.Session.WaitUntilAsync(s => s.IsJoined && s.IsSynchronized, timeout.Token)));
            var room = observe is not null ? await observe() : await HubTests.ObserveAsync(host!, token, roomId);
            await Task.WhenAll(participants.Select(p => p.Session.WaitUntilAsync(s => s.Revision == room.Item1, timeout.Token)));
            return room;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !Cancel.IsCancellationRequested)
        {
            throw new TimeoutException("The editors were not quiescent after 60 s: " + string.Join("; ", participants.Select(p => p.Describe())));
        }
    }

    private static int Occurrences(string text, string marker)
    {
        var count = 0;
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
