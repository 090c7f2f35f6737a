using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PocList;

public sealed class PocListEffectsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(Pocs.Noon);
    private readonly IPocsApi server = Substitute.For<IPocsApi>();
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    private (PocListEffects Effects, PendingEditsQueue Queue) Effects()
    {
        var cache = new FileDeviceCache(folder.Path);
        var queue = new PendingEditsQueue(cache, time);
        return (new PocListEffects(server, new SearchCache(cache), queue, time), queue);
    }

    [Fact]
    public async Task ASearchIsCachedAndShownOfflineAfterARestartWithItsTime()
    {
        server.SearchAsync(default!, default, default, default, default).ReturnsForAnyArgs(Pocs.Page("next", Pocs.Poc("Kafka")));
        var (online, onlineQueue) = Effects();
        using (onlineQueue)
        await using (var loop = new PageLoop<PocListState, PocListMessage, PocListEffect>(new PocListPage(), online))
        {
            loop.Start();
            await loop.IdleAsync();
            Assert.Equal(ListSource.Server, loop.State.Source);
        }

        time.Advance(TimeSpan.FromHours(2));
        server.SearchAsync(default!, default, default, default, default).ReturnsForAnyArgs<PocPage>(_ => throw new HttpRequestException("no network"));
        server.GetFacetsAsync(default).ReturnsForAnyArgs<PocFacets>(_ => throw new HttpRequestException("no network"));
        var (offline, offlineQueue) = Effects();
        using (offlineQueue)
        await using (var loop = new PageLoop<PocListState, PocListMessage, PocListEffect>(new PocListPage(), offline))
        {
            loop.Start();
            await loop.IdleAsync();
            Assert.Equal(ListSource.Cache, loop.State.Source);
            Assert.True(loop.State.ShowOfflineBanner);
            Assert.Equal(Pocs.Noon, loop.State.AsOf);
            Assert.Equal("Kafka", Assert.Single(loop.State.Items).Name);
        }
    }

    [Fact]
    public async Task TheDeviceKeepsTheDefaultListAndTheLastTenSearches()
    {
        var cache = new FileDeviceCache(folder.Path);
        var searches = new SearchCache(cache);
        await searches.WriteAsync(new CachedSearch(new PocQuery(), [Pocs.Poc("Default")], null, 1, Pocs.Noon), cancel);
        for (var i = 0; i < 12; i++)
        {
            await searches.WriteAsync(new CachedSearch(new PocQuery(Q: $"q{i}"), [Pocs.Poc($"P{i}")], null, 1, Pocs.Noon), cancel);
        }

        Assert.NotNull(await searches.ReadAsync(new PocQuery(), cancel));
        Assert.Null(await searches.ReadAsync(new PocQuery(Q: "q0"), cancel));
        Assert.Null(await searches.ReadAsync(new PocQuery(Q: "q1"), cancel));
        Assert.NotNull(await searches.ReadAsync(new PocQuery(Q: "q2"), cancel));
        Assert.Equal(11, (await searches.KnownPocsAsync(cancel)).Count);
    }

    [Fact]
    public async Task BackOnlineTheQueueIsSentAndThePendingListEmpties()
    {
        var (effects, queue) = Effects();
        using (queue)
        {
            await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Offline one"), cancel);
            server.CreateAsync(default!, default).ReturnsForAnyArgs(Pocs.Poc("Offline one"));

            var answers = await effects.RunAsync(new SendPending(), cancel).ToListAsync(cancel);

            Assert.Empty(Assert.IsType<PendingRead>(Assert.Single(answers)).Pending);
            await server.Received(1).CreateAsync(Arg.Is<PocWriteRequest>(r => r.Name == "Offline one"), Arg.Any<CancellationToken>());
        }
    }
}
