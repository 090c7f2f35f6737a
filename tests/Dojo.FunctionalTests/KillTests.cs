using System.Globalization;
using System.Net.Http.Headers;
using PocTracker.Contracts.Dojo;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Rooms;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// The dojo app as a real process on loopback, killed with SIGKILL while editors type, then started
/// again on the same port and database: every edit acknowledged before the crash is in the room's
/// text afterwards, the editors reconnect by themselves, resubmit what was in flight and converge.
/// </summary>
public sealed class KillTests(PostgresServerFixture postgres)
{
    private const int Editors = 5;
    private const int EditsBeforeKill = 40;
    private const int EditsAfterKill = 30;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_acknowledged_edit_survives_a_SIGKILL_of_the_dojo_process_and_the_editors_converge_after_its_restart()
    {
        var seed = Environment.GetEnvironmentVariable("DOJO_TEST_SEED") is { } fixedSeed ? int.Parse(fixedSeed, CultureInfo.InvariantCulture) : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}");
        var database = await postgres.NewDatabaseAsync("dojo");
        var port = AppProcess.FreeLoopbackPort();
        var owner = TestUser.NewTenantOwner();
        var app = await StartAsync(database, port);
        var participants = new List<SdkParticipant>();
        try
        {
            Guid roomId;
            using (var http = new HttpClient { BaseAddress = app.BaseAddress })
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DojoHost.TokenFor(owner));
                roomId = (await new DojoRoomsClient(http).CreateAsync(new CreateRoomRequest("Crash kata", "csharp"), Cancel)).Id;
            }

            for (var i = 0; i < Editors; i++)
            {
                participants.Add(await SdkParticipant.JoinOverLoopbackAsync(app.BaseAddress, DojoHost.TokenFor(i == 0 ? owner : owner.Colleague()), roomId, $"k{i}"));
            }

            var typists = participants.Select((p, i) => new MarkedTypist(p.Session.ClientId, new Random(seed + i))).ToList();
            var acknowledged = participants.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
            for (var i = 0; i < Editors; i++)
            {
                TrackAcknowledgedMarkers(participants[i].Session, acknowledged[i]);
            }

            // Type, and kill the process while the editors are still typing (edits in flight and buffered).
            var typing = TypeAsync(participants, typists, EditsBeforeKill + EditsAfterKill, seed);
            await participants[0].Session.WaitUntilAsync(s => s.Revision >= EditsBeforeKill, Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);
            await app.KillAsync();
            var acknowledgedBeforeKill = acknowledged.SelectMany(a => Snapshot(a)).ToList();
            Assert.NotEmpty(acknowledgedBeforeKill);

            await using var restarted = await StartAsync(database, port);
            await typing;
            var (revision, document) = await ConvergenceTests.QuiescentAsync(participants, DojoHost.TokenFor(owner), roomId,
                observe: () => ObserveAsync(restarted.BaseAddress, DojoHost.TokenFor(owner), roomId));

            Assert.All(acknowledgedBeforeKill, marker => Assert.Contains(marker, document, StringComparison.Ordinal));
            Assert.All(participants, p => Assert.Equal(document, p.Session.Text));
            Assert.All(participants, p => Assert.Equal(0, p.Session.Resets));
            Assert.All(participants, p => Assert.True(p.Session.Rejoins >= 1));
            foreach (var marker in typists.SelectMany(t => t.Markers))
            {
                Assert.Equal(1, document.Split(marker).Length - 1);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{revision} revisions; {acknowledgedBeforeKill.Count} markers acknowledged before the kill");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Failed with seed {seed} (DOJO_TEST_SEED={seed} repeats it): {exception.Message}\n{app.LastLines()}", exception);
        }
        finally
        {
            foreach (var participant in participants)
            {
                await participant.DisposeAsync();
            }

            await app.DisposeAsync();
        }
    }

    private static Task<AppProcess> StartAsync(AppDatabaseConnections database, int port) =>
        AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Dojo.dll"), new Dictionary<string, string?>(TestHostSettings.ForAppProcess(DojoModule.AppId, database))
        {
            ["Dojo__Rooms__SnapshotEvery"] = "16",
            ["Dojo__Rooms__RetainedOperations"] = "200",
        }, port, Cancel);

    /// <summary>Every marker in an acknowledged operation: what the room promised to keep.</summary>
    private static void TrackAcknowledgedMarkers(DojoSession session, HashSet<string> acknowledged)
    {
        var sent = new Dictionary<long, string>();
        session.Sending += (_, submission) =>
        {
            lock (acknowledged)
            {
                sent[submission.Seq] = InsertedText(submission);
            }
        };
        session.Acknowledged += (_, submission) =>
        {
            lock (acknowledged)
            {
                if (sent.Remove(submission.Seq, out var inserted))
                {
                    foreach (var marker in inserted.Split('⟦').Skip(1).Where(m => m.Contains('⟧', StringComparison.Ordinal)))
                    {
                        acknowledged.Add("⟦" + marker[..(marker.IndexOf('⟧', StringComparison.Ordinal) + 1)]);
                    }
                }
            }
        };
    }

    /// <summary>The operation's inserted texts, separated so no marker is made up across two of them.</summary>
    private static string InsertedText(DojoSubmission submission)
    {
        var texts = new List<string>();
        foreach (var component in submission.Operation!.Components)
        {
            if (component.Text is { } text)
            {
                texts.Add(text);
            }
        }

        return string.Join('\u0000', texts);
    }

    private static List<string> Snapshot(HashSet<string> markers)
    {
        lock (markers)
        {
            return [.. markers];
        }
    }

    private static Task TypeAsync(List<SdkParticipant> participants, List<MarkedTypist> typists, int edits, int seed) =>
        Task.WhenAll(participants.Select((participant, index) => Task.Run(async () =>
        {
            var random = new Random(seed ^ (index * 104729));
            for (var i = 0; i < edits; i++)
            {
                participant.Session.Edit(typists[index].Next);
                // Pacing only, so the kill lands while edits are in flight and the restart while typing goes on.
                await Task.Delay(random.Next(20, 80), Cancel);
            }
        }, Cancel)));

    private static async Task<(int, string)> ObserveAsync(Uri server, string token, Guid roomId)
    {
        await using var observer = await SdkParticipant.JoinOverLoopbackAsync(server, token, roomId);
        return (observer.Session.Revision, observer.Session.Text);
    }
}
