using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>Flooding and the bad input not covered in <see cref="HubTests"/>: each answered to the offending connection only.</summary>
public sealed class FloodTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task Flooding_submissions_is_refused_with_a_retry_after_to_that_connection_only_and_the_room_goes_on()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var other = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "other");
        await using var flooder = await Host.ConnectAsync(DojoHost.TokenFor(owner));
        await flooder.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, TestContext.Current.CancellationToken);
        var hello = JsonSerializer.SerializeToElement(TextOperation.Splice(0, 0, 0, "hello"));
        Task Submit() => flooder.InvokeCoreAsync(DojoHubNames.Submit, [roomId, "flooder", 0L, 0, hello], TestContext.Current.CancellationToken);

        // Pipelined: the server takes them one by one far faster than the bucket refills
        // (a resubmission of one (client, seq) costs no storage, so only the limit can refuse them).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Outcome(Submit())));

        var refusals = outcomes.OfType<HubException>().ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Contains($"[{DojoErrorCodes.RateLimited}] retry after ", r.Message, StringComparison.Ordinal));
        Assert.All(refusals, r => Assert.InRange(DojoErrorCodes.RetryAfter(r.Message)!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2)));
        Assert.True(outcomes.Count(o => o is null) >= 100, "the burst was not allowed");

        // Nobody else noticed: the other participant got the one operation and types on.
        await other.WaitUntilAsync(s => s.Text == "hello");
        other.Session.Apply(TextOperation.Splice(5, 5, 0, "!"));
        await other.WaitUntilAsync(s => s.IsSynchronized);
        Assert.Equal(2, other.Session.Revision);
        Assert.Empty(other.Errors);

        // After the advised wait the flooder is served again (polled: each refusal names its own wait).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Outcome(Submit()) is { } refused)
        {
            Assert.True(DateTime.UtcNow < deadline, "still refused after 30 s");
            await Task.Delay(DojoErrorCodes.RetryAfter(refused.Message)!.Value, TestContext.Current.CancellationToken);
        }

        var joined = await HubTests.ObserveAsync(Host, DojoHost.TokenFor(owner), roomId);
        Assert.Equal((2, "hello!"), joined);
    }

    [Fact]
    public async Task Flooding_presence_does_not_touch_the_typing_budget_or_other_connections()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var flooder = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var other = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);

        var cursor = new ParticipantPresence(0, [new PresenceSelection(0, 0)]);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Outcome(flooder.InvokeAsync(DojoHubNames.UpdatePresence, roomId, cursor))));
        Assert.Contains(outcomes, o => o is HubException e && e.Message.Contains($"[{DojoErrorCodes.RateLimited}]", StringComparison.Ordinal));

        // Typing has its own bucket, on the flooder's connection too; the other's presence is untouched.
        await flooder.SubmitAsync("flooder", 0, 0, TextOperation.Splice(0, 0, 0, "still typing"));
        await flooder.WaitUntilAsync(c => c.Acks.Count == 1);
        Assert.Equal([(0L, 1)], flooder.Acks);
        await other.InvokeAsync(DojoHubNames.UpdatePresence, roomId, cursor);
        await other.WaitUntilAsync(c => c.Document == "still typing");
    }

    [Fact]
    public async Task Split_characters_oversized_operations_and_bad_submission_ids_are_refused_to_the_sender_only()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var culprit = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var other = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "other");
        other.Session.Apply(TextOperation.Splice(0, 0, 0, "a😀b")); // 4 code units: the emoji is two
        await other.WaitUntilAsync(s => s.IsSynchronized);
        await culprit.WaitUntilAsync(c => c.Revision == 1);
        var manyComponents = Enumerable.Range(0, 10_001).Select(i => (object)(i % 2 == 0 ? 1 : -1)).ToArray();

        (string ClientId, long Seq, object Operation, string Code)[] cases =
        [
            ("culprit", 0, new object[] { 2, "x", 2 }, DojoErrorCodes.SplitsSurrogatePair), // between the emoji's halves
            ("culprit", 1, new object[] { 2, -1, 1 }, DojoErrorCodes.SplitsSurrogatePair), // deletes half of it
            ("culprit", 3, manyComponents, DojoErrorCodes.OperationTooLarge),
            ("", 4, new object[] { 4, "x" }, DojoErrorCodes.InvalidSubmission),
            (new string('c', 65), 5, new object[] { 4, "x" }, DojoErrorCodes.InvalidSubmission),
            ("culprit", -1, new object[] { 4, "x" }, DojoErrorCodes.InvalidSubmission),
        ];
        foreach (var (clientId, seq, operation, code) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() =>
                culprit.SubmitAsync(clientId, seq, 1, JsonSerializer.SerializeToElement(operation)));
            Assert.True(error.Message.Contains($"[{code}]", StringComparison.Ordinal), $"{code} expected for seq {seq}: {error.Message}");
        }

        // Nothing was applied or sent: the other participant's next edit is revision 2 and reaches the culprit.
        other.Session.Apply(TextOperation.Splice(4, 4, 0, "!"));
        await other.WaitUntilAsync(s => s.IsSynchronized);
        await culprit.WaitUntilAsync(c => c.Document == "a😀b!");
        Assert.Equal(2, other.Session.Revision);
        Assert.Empty(other.Errors);
    }

    private static async Task<HubException?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (HubException refused)
        {
            return refused;
        }
    }
}
