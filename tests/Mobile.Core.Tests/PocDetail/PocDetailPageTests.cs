using System.Net;
using NSubstitute;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocDetail;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PocDetail;

public sealed class PocDetailPageTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private readonly PocDetailPage page = new(Id);

    private PocDetailState Shown(int version = 4) => page.Update(page.Start().State, new PocRead(Pocs.Poc("Kafka", version, Id), false)).State;

    [Fact]
    public void DeleteAsksFirstAndSendsTheVersionShown()
    {
        var asking = page.Update(Shown(), new DeleteTapped());
        Assert.Equal(DetailStatus.ConfirmingDelete, asking.State.Status);
        Assert.Empty(asking.Effects);

        Assert.Equal(DetailStatus.Shown, page.Update(asking.State, new DeleteDismissed()).State.Status);
        Assert.Equal(new DeletePoc(Id, 4), Assert.Single(page.Update(asking.State, new DeleteConfirmed()).Effects));
    }

    [Fact]
    public void A412OnDeleteShowsTheConflictAndReloads()
    {
        var deleting = page.Update(page.Update(Shown(), new DeleteTapped()).State, new DeleteConfirmed());

        var conflict = page.Update(deleting.State, new DetailFailed(deleting.Effects[0], Failure.Of(Problems.Answer(HttpStatusCode.PreconditionFailed))));

        Assert.True(conflict.State.DeleteConflict);
        Assert.Equal(new LoadPoc(Id), Assert.Single(conflict.Effects));
        var reloaded = page.Update(conflict.State, new PocRead(Pocs.Poc("Kafka", 6, Id), false)).State;
        Assert.Equal((DetailStatus.Shown, true), (reloaded.Status, reloaded.DeleteConflict));
        Assert.Equal(new DeletePoc(Id, 6), page.Update(page.Update(reloaded, new DeleteTapped()).State, new DeleteConfirmed()).Effects[0]);
    }

    [Fact]
    public void AnOfflineDeleteIsQueued()
    {
        var deleting = page.Update(page.Update(Shown(), new DeleteTapped()).State, new DeleteConfirmed());

        var offline = page.Update(deleting.State, new DetailFailed(deleting.Effects[0], Failure.Offline));

        Assert.Equal(new QueueDelete(Id, 4), Assert.Single(offline.Effects));
    }

    [Fact]
    public async Task OfflineThePocComesFromTheDeviceAndShowsItsPendingEdit()
    {
        using var folder = new TempFolder();
        var cache = new FileDeviceCache(folder.Path);
        var searches = new SearchCache(cache);
        await searches.WriteAsync(new CachedSearch(new PocQuery(), [Pocs.Poc("Kafka", 4, Id)], null, 1, Pocs.Noon), TestContext.Current.CancellationToken);
        using var queue = new PendingEditsQueue(cache, new FakeTimeProvider(Pocs.Noon));
        await queue.AddAsync(PendingKind.Update, Id, 4, Pocs.Request("Kafka offline"), TestContext.Current.CancellationToken);
        var server = Substitute.For<IPocsApi>();
        server.GetAsync(Id, Arg.Any<CancellationToken>()).Returns<Contracts.Pocs.PocDto>(_ => throw new HttpRequestException("no network"));

        await using var loop = new PageLoop<PocDetailState, PocDetailMessage, PocDetailEffect>(page, new PocDetailEffects(server, searches, queue));
        loop.Start();
        await loop.IdleAsync();

        Assert.Equal(("Kafka", true, DetailStatus.Shown), (loop.State.Poc!.Name, loop.State.FromDevice, loop.State.Status));
        Assert.Equal("Kafka offline", loop.State.PendingEdit!.Poc!.Name);
    }
}
