using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>A host that stops and a new one on the same database: what a crash and restart looks like to a room.</summary>
public sealed class RestartTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Every_acknowledged_edit_is_still_there_after_the_host_restarts()
    {
        var database = await postgres.NewDatabaseAsync("dojo");
        var owner = TestUser.NewTenantOwner();
        var token = DojoHost.TokenFor(owner);
        Guid roomId;
        (int Revision, string Document) before;

        await using (var first = new DojoHost(database))
        {
            roomId = await first.CreateRoomAsync(owner);
            var clients = new List<SdkParticipant>();
            for (var i = 0; i < 3; i++)
            {
                clients.Add(await SdkParticipant.JoinAsync(first, DojoHost.TokenFor(i == 0 ? owner : owner.Colleague()), roomId, $"before-{i}"));
            }

            await HubTests.TypeConcurrentlyAsync(clients, editsEach: 25, seed: 42);
            // Buffered edits compose into fewer submissions: type on until a snapshot was written
            // and a few operations followed it, so the restart loads both.
            var random = new Random(43);
            while (clients[0].Session.Revision <= DojoHost.SnapshotEvery + 3)
            {
                clients[0].TypeRandomEdit(random);
                await clients[0].WaitUntilAsync(s => s.IsSynchronized);
            }

            before = await HubTests.ConvergedAsync(clients, token, roomId, first);
            foreach (var client in clients)
            {
                Assert.Empty(client.Errors);
                await client.DisposeAsync();
            }
        }

        await using var second = new DojoHost(database);
        Assert.Equal(before, await HubTests.ObserveAsync(second, token, roomId));

        // And the room goes on from there: a client that knew the old revision resubmits nothing and edits on.
        await using var after = await SdkParticipant.JoinAsync(second, token, roomId, "after");
        after.TypeRandomEdit(new Random(1));
        await after.WaitUntilAsync(s => s.IsSynchronized);
        Assert.Equal((before.Revision + 1, after.Session.Text), await HubTests.ObserveAsync(second, token, roomId));
    }
}
