using System.Net;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PendingEdits;

public sealed class PendingEditsPageTests
{
    [Fact]
    public async Task APersonFixesARefusedCreateAndItGoes()
    {
        using var folder = new TempFolder();
        using var queue = new PendingEditsQueue(new FileDeviceCache(folder.Path), new FakeTimeProvider(Pocs.Noon));
        var server = Substitute.For<IPocsApi>();
        await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Duplicada"), TestContext.Current.CancellationToken);
        server.CreateAsync(Arg.Is<PocWriteRequest>(r => r.Name == "Duplicada"), Arg.Any<CancellationToken>()).ThrowsAsync(Problems.Answer(HttpStatusCode.Conflict, "Name already used"));
        server.CreateAsync(Arg.Is<PocWriteRequest>(r => r.Name == "Duplicada 2"), Arg.Any<CancellationToken>()).Returns(Pocs.Poc("Duplicada 2"));

        await using var loop = new PageLoop<PendingEditsState, PendingEditsMessage, PendingEditsEffect>(new PendingEditsPage(), new PendingEditsEffects(queue, server));
        loop.Start();
        await loop.IdleAsync();
        loop.Dispatch(new QueueConnectivityChanged(true));
        await loop.IdleAsync();
        var refused = Assert.Single(loop.State.NeedingThePerson);
        Assert.Equal(PendingStatus.Refused, refused.Status);

        loop.Dispatch(new SendAgainTapped(refused.Id, Pocs.Request("Duplicada 2")));
        await loop.IdleAsync();

        Assert.Empty(loop.State.Edits);
        Assert.False(loop.State.Sending);
    }

    [Fact]
    public void SendingTwiceAtOnceStartsOneSendAndAnUnknownEditIsIgnored()
    {
        var page = new PendingEditsPage();
        var sending = page.Update(page.Start().State, new SendNowTapped());
        Assert.Equal(new SendQueue(), Assert.Single(sending.Effects));
        Assert.Empty(page.Update(sending.State, new QueueConnectivityChanged(true)).Effects);
        Assert.Empty(page.Update(page.Start().State, new DiscardTapped(Guid.NewGuid())).Effects);
    }
}
