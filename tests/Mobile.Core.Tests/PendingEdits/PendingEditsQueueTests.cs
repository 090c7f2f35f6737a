using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PendingEdits;

public sealed class PendingEditsQueueTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(Pocs.Noon);
    private readonly IPocsApi server = Substitute.For<IPocsApi>();
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    // A new queue over the same folder: what the app sees after a restart.
    private PendingEditsQueue Queue() => new(new FileDeviceCache(folder.Path), time);

    [Fact]
    public async Task EditsAreSentInTheOrderTheyWereMadeAndLeaveTheQueue()
    {
        using var queue = Queue();
        var id = Guid.NewGuid();
        await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Nova"), cancel);
        await queue.AddAsync(PendingKind.Update, id, 3, Pocs.Request("Mudada"), cancel);
        await queue.AddAsync(PendingKind.Delete, id, 4, null, cancel);
        server.CreateAsync(default!, default).ReturnsForAnyArgs(Pocs.Poc("Nova"));
        server.UpdateAsync(default, default, default!, default).ReturnsForAnyArgs(Pocs.Poc("Mudada", 4, id));

        var left = await queue.SendAsync(server, cancel);

        Assert.Empty(left);
        Received.InOrder(() =>
        {
            server.CreateAsync(Arg.Is<PocWriteRequest>(r => r.Name == "Nova"), Arg.Any<CancellationToken>());
            server.UpdateAsync(id, 3, Arg.Is<PocWriteRequest>(r => r.Name == "Mudada"), Arg.Any<CancellationToken>());
            server.DeleteAsync(id, 4, Arg.Any<CancellationToken>());
        });
        Assert.Empty(await Queue().ReadAsync(cancel));
    }

    [Fact]
    public async Task TheQueueSurvivesARestartOfTheApp()
    {
        using (var before = Queue())
        {
            await before.AddAsync(PendingKind.Update, Guid.NewGuid(), 2, Pocs.Request("Offline"), cancel);
        }

        using var after = Queue();
        var edit = Assert.Single(await after.ReadAsync(cancel));
        Assert.Equal((PendingKind.Update, 2, "Offline", PendingStatus.Waiting, Pocs.Noon), (edit.Kind, edit.Version, edit.Poc!.Name, edit.Status, edit.QueuedAt));
    }

    [Fact]
    public async Task A412BecomesAConflictWithTheServersVersionAndHoldsLaterEditsOfThatPocOnly()
    {
        using var queue = Queue();
        var contested = Guid.NewGuid();
        var other = Guid.NewGuid();
        var conflicting = await queue.AddAsync(PendingKind.Update, contested, 1, Pocs.Request("Mine"), cancel);
        await queue.AddAsync(PendingKind.Delete, contested, 2, null, cancel);
        await queue.AddAsync(PendingKind.Delete, other, 5, null, cancel);
        server.UpdateAsync(contested, 1, Arg.Any<PocWriteRequest>(), Arg.Any<CancellationToken>()).Throws(Problems.Answer(HttpStatusCode.PreconditionFailed));
        server.GetAsync(contested, Arg.Any<CancellationToken>()).Returns(Pocs.Poc("Theirs", 7, contested));

        var left = await queue.SendAsync(server, cancel);

        Assert.Equal([PendingStatus.Conflict, PendingStatus.Waiting], left.Select(e => e.Status));
        Assert.Equal(7, left[0].Theirs!.Version);
        await server.DidNotReceive().DeleteAsync(contested, Arg.Any<int>(), Arg.Any<CancellationToken>());
        await server.Received(1).DeleteAsync(other, 5, Arg.Any<CancellationToken>());

        // "Keep mine": sent again, made from their version this time.
        server.ClearReceivedCalls();
        server.UpdateAsync(contested, 7, Arg.Any<PocWriteRequest>(), Arg.Any<CancellationToken>()).Returns(Pocs.Poc("Mine", 8, contested));
        await queue.KeepMineAsync(conflicting.Id, cancel);
        Assert.Empty(await queue.SendAsync(server, cancel));
        await server.Received(1).UpdateAsync(contested, 7, Arg.Is<PocWriteRequest>(r => r.Name == "Mine"), Arg.Any<CancellationToken>());
        await server.Received(1).DeleteAsync(contested, 2, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACreateWhoseAnswerWasLostIsUnsureAndNeverSentAgainWithoutThePerson()
    {
        using var queue = Queue();
        var create = await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Talvez"), cancel);
        server.CreateAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("The response ended prematurely.", new IOException()));

        var left = await queue.SendAsync(server, cancel);
        Assert.Equal(PendingStatus.Unsure, Assert.Single(left).Status);

        await queue.SendAsync(server, cancel);
        await server.Received(1).CreateAsync(Arg.Any<PocWriteRequest>(), Arg.Any<CancellationToken>());

        // The person looked, found it missing, and sends it again.
        server.CreateAsync(default!, default).ReturnsForAnyArgs(Pocs.Poc("Talvez"));
        await queue.RetryAsync(create.Id, null, cancel);
        Assert.Empty(await queue.SendAsync(server, cancel));
        await server.Received(2).CreateAsync(Arg.Any<PocWriteRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACreateRefusedBeforeTheConnectionWasMadeWaitsAndStopsTheRestInOrder()
    {
        using var queue = Queue();
        await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("A"), cancel);
        await queue.AddAsync(PendingKind.Delete, Guid.NewGuid(), 1, null, cancel);
        server.CreateAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));

        var left = await queue.SendAsync(server, cancel);

        Assert.Equal([PendingStatus.Waiting, PendingStatus.Waiting], left.Select(e => e.Status));
        await server.DidNotReceiveWithAnyArgs().DeleteAsync(default, default, default);
    }

    [Fact]
    public async Task ACreateLeftSendingWhenTheAppStoppedIsUnsureAfterTheRestart()
    {
        var cache = new FileDeviceCache(folder.Path);
        var edit = new PendingEdit(Guid.NewGuid(), PendingKind.Create, null, null, Pocs.Request("Mid-flight"), Pocs.Noon, PendingStatus.Sending);
        await cache.WriteAsync(PendingEditsQueue.Key, [edit], MobileJson.Default.IReadOnlyListPendingEdit, cancel);

        using var queue = Queue();
        Assert.Equal(PendingStatus.Unsure, Assert.Single(await queue.ReadAsync(cancel)).Status);
        await queue.SendAsync(server, cancel);
        await server.DidNotReceiveWithAnyArgs().CreateAsync(default!, default);
    }

    [Fact]
    public async Task AValidationRefusalIsKeptForThePersonToFixOrDiscard()
    {
        using var queue = Queue();
        var create = await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Duplicada"), cancel);
        server.CreateAsync(default!, default).ThrowsAsyncForAnyArgs(Problems.Answer(HttpStatusCode.BadRequest, "Invalid", new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["Already used."] }));

        var refused = Assert.Single(await queue.SendAsync(server, cancel));

        Assert.Equal(PendingStatus.Refused, refused.Status);
        Assert.Equal(["Already used."], refused.Problem!.Errors!["name"]);
        await queue.DiscardAsync(create.Id, cancel);
        Assert.Empty(await Queue().ReadAsync(cancel));
    }

    [Fact]
    public async Task ADeleteOfAPocAlreadyGoneIsDone()
    {
        using var queue = Queue();
        await queue.AddAsync(PendingKind.Delete, Guid.NewGuid(), 1, null, cancel);
        server.DeleteAsync(default, default, default).ThrowsAsyncForAnyArgs(Problems.Answer(HttpStatusCode.NotFound));

        Assert.Empty(await queue.SendAsync(server, cancel));
    }
}
