using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

public sealed class WholeTextTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task A_whole_text_edit_made_on_an_old_revision_is_diffed_transformed_and_converges_with_concurrent_typing()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var typist = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner), roomId, "typist");
        typist.Session.Apply(TextOperation.Splice(0, 0, 0, "hello world"));
        await typist.WaitUntilAsync(s => s.IsSynchronized);
        await using var box = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        Assert.Equal((1, "hello world"), (box.Joined.Revision, box.Joined.Document));

        // The typist appends while the text box, still at revision 1, is edited.
        typist.Session.Apply(TextOperation.Splice(11, 11, 0, "!"));
        await typist.WaitUntilAsync(s => s.IsSynchronized);
        await box.SubmitTextAsync("box", 0, 1, "hello, wörld 😀");

        Assert.Equal((0L, 3), await box.NextAckAsync());
        await typist.WaitUntilAsync(s => s.Revision == 3);
        Assert.Equal("hello, wörld 😀!", typist.Session.Text); // the text box's insert at the end goes first: it was the client
        Assert.Equal((3, "hello, wörld 😀!"), await HubTests.ObserveAsync(Host, DojoHost.TokenFor(owner), roomId));
        Assert.Empty(typist.Errors);
    }

    [Fact]
    public async Task A_resubmitted_text_is_acknowledged_again_and_applied_once_and_crlf_becomes_lf()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var box = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);

        await box.SubmitTextAsync("box", 5, 0, "linha 1\r\nlinha 2\r");
        await box.SubmitTextAsync("box", 5, 0, "linha 1\r\nlinha 2\r");

        Assert.Equal((5L, 1), await box.NextAckAsync());
        Assert.Equal((5L, 1), await box.NextAckAsync());
        Assert.Equal((1, "linha 1\nlinha 2\n"), await HubTests.ObserveAsync(Host, DojoHost.TokenFor(owner), roomId));
    }

    [Fact]
    public async Task Bad_whole_texts_are_refused_to_their_sender_only()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var box = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var other = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "other");
        await using var stranger = await Host.ConnectAsync(DojoHost.TokenFor(owner));

        (string ClientId, long Seq, int Revision, string? Text, string Code)[] cases =
        [
            ("box", 0, 1, "x", DojoErrorCodes.InvalidRevision),
            ("box", 1, -1, "x", DojoErrorCodes.InvalidRevision),
            ("box", 2, 0, "a\0b", DojoErrorCodes.InvalidText),
            ("box", 3, 0, new string('x', DojoHost.MaxDocumentLength + 1), DojoErrorCodes.DocumentTooLarge),
            ("box", 4, 0, new string('x', DojoHost.MaxInsertLength + 1), DojoErrorCodes.OperationTooLarge),
            ("box", 5, 0, null, DojoErrorCodes.InvalidSubmission),
            ("", 6, 0, "x", DojoErrorCodes.InvalidSubmission),
            ("box", 7, 0, "a\uFFFEb", DojoErrorCodes.InvalidText),
        ];
        foreach (var (clientId, seq, revision, text, code) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => box.SubmitTextAsync(clientId, seq, revision, text));
            Assert.True(error.Message.Contains($"[{code}]", StringComparison.Ordinal), $"{code} expected for seq {seq}: {error.Message}");
        }

        var notJoined = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync(DojoHubNames.SubmitText, roomId, "s", 0L, 0, "x", Cancel));
        Assert.Contains($"[{DojoErrorCodes.NotJoined}]", notJoined.Message, StringComparison.Ordinal);

        // Nothing was applied: the other participant's edit is the room's first revision.
        other.Session.Apply(TextOperation.Splice(0, 0, 0, "ok"));
        await other.WaitUntilAsync(s => s.IsSynchronized);
        Assert.Equal((1, "ok"), await HubTests.ObserveAsync(Host, DojoHost.TokenFor(owner), roomId));
        Assert.Empty(other.Errors);
    }

    [Fact]
    public async Task A_whole_text_made_on_a_revision_from_before_a_compaction_is_diffed_against_that_revisions_text()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var typist = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner), roomId, "typist");
        await using var box = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        var random = new Random(5);
        var revision = (DojoHost.SnapshotEvery * 2) - 10; // kept in the log after the compaction at 2 × SnapshotEvery
        string? seen = null;
        while (typist.Session.Revision < (DojoHost.SnapshotEvery * 2) + 2)
        {
            typist.TypeRandomEdit(random);
            await typist.WaitUntilAsync(s => s.IsSynchronized);
            if (typist.Session.Revision == revision)
            {
                seen = typist.Session.Text;
            }
        }

        var before = typist.Session.Text;
        await box.SubmitTextAsync("box", 0, revision, seen + "END");

        var (_, acknowledged) = await box.NextAckAsync();
        await typist.WaitUntilAsync(s => s.Revision == acknowledged);
        Assert.Equal(before, typist.Session.Text.Replace("END", "", StringComparison.Ordinal)); // only the box's insert was added
        Assert.Contains("END", typist.Session.Text, StringComparison.Ordinal);
        Assert.Empty(typist.Errors);
    }

    [Fact]
    public async Task A_whole_text_client_behind_the_retained_log_gets_the_document_instead()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var typist = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner), roomId, "typist");
        await using var box = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        var random = new Random(11);
        while (typist.Session.Revision < DojoHost.SnapshotEvery + DojoHost.RetainedOperations)
        {
            typist.TypeRandomEdit(random);
            await typist.WaitUntilAsync(s => s.IsSynchronized);
        }

        await box.SubmitTextAsync("box", 0, 0, "stale text");

        await box.WaitUntilAsync(c => c.Resyncs.Count == 1);
        var resync = box.Resyncs[0];
        Assert.Equal((typist.Session.Revision, typist.Session.Text), (resync.Revision, resync.Document));
    }
}
