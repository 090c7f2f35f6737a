using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>Presence through the SDK over the real hub: what an editor binding draws.</summary>
public sealed class SdkPresenceTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task A_participants_selection_reaches_the_others_with_name_and_colour_and_follows_their_edits()
    {
        var ana = TestUser.NewTenantOwner();
        var bruno = ana.Colleague();
        var roomId = await Host.CreateRoomAsync(ana);
        await using var anaEditor = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(ana, "Ana Souza"), roomId);
        await using var brunoEditor = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(bruno, "Bruno Lima"), roomId);
        anaEditor.Session.Apply(TextOperation.Splice(0, 0, 0, "hello world"));
        await Until(brunoEditor.Session, s => s.Text == "hello world");

        anaEditor.Session.SetSelections([new PresenceSelection(6, 11)]); // "world"

        await Until(brunoEditor.Session, s => Selections(s, ana.UserId) is [(6, 11)]);
        var seen = brunoEditor.Session.RemoteParticipants.Single(p => p.UserId == ana.UserId);
        Assert.Equal(("Ana Souza", ParticipantColours.Of(ana.UserId)), (seen.Name, seen.Colour));

        // Bruno types before her selection: on his screen it moves at once, before anyone hears of it.
        brunoEditor.Session.Apply(TextOperation.Splice(11, 0, 0, "say: "));
        Assert.Equal([new PresenceSelection(11, 16)], Selections(brunoEditor.Session, ana.UserId));

        // Ana, not yet synchronized with his edit or hers, selects "say"; he sees it on his text.
        await Until(anaEditor.Session, s => s.Text == "say: hello world");
        anaEditor.Session.Apply(TextOperation.Splice(16, 16, 0, "!"));
        anaEditor.Session.SetSelections([new PresenceSelection(0, 3)]);
        await Until(brunoEditor.Session, s => s.Text == "say: hello world!" && Selections(s, ana.UserId) is [(0, 3)]);
        await Until(anaEditor.Session, s => Selections(s, bruno.UserId) is []);
    }

    private static IReadOnlyList<PresenceSelection>? Selections(DojoSession session, Guid user) =>
        session.RemoteParticipants.SingleOrDefault(p => p.UserId == user)?.Selections;

    private static Task Until(DojoSession session, Func<DojoSession, bool> condition) =>
        session.WaitUntilAsync(condition, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
}
