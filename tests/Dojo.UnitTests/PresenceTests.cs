using CsCheck;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Contracts.Dojo.Presence;

namespace PocTracker.Dojo.UnitTests;

public sealed class PresenceTests
{
    [Theory]
    [InlineData(3, new object[] { 1, "xy", 4 }, 5)] // typed before the cursor: it moves right
    [InlineData(1, new object[] { 1, "xy", 4 }, 3)] // typed at the cursor: pushed right (ot.js)
    [InlineData(0, new object[] { 1, "xy", 4 }, 0)] // typed after it: stays
    [InlineData(4, new object[] { 1, -2, 2 }, 2)] // text before it deleted
    [InlineData(2, new object[] { 1, -2, 2 }, 1)] // its character deleted: lands where the deletion was
    [InlineData(5, new object[] { 5, "z" }, 6)] // appended at the end, where the cursor is: pushed right
    public void A_cursor_moves_with_the_text_around_it(int index, object[] operation, int expected)
    {
        var parsed = System.Text.Json.JsonSerializer.Deserialize<TextOperation>(System.Text.Json.JsonSerializer.Serialize(operation))!;
        Assert.Equal(expected, PresenceTransform.Index(index, parsed));
    }

    [Fact]
    public void A_transformed_cursor_stays_inside_the_new_document_and_keeps_its_character() =>
        OtCases.DocumentAndOperation.Select(Gen.Int[0, 1000]).Sample((input, pick) =>
        {
            var (document, operation) = input;
            var index = document.Length == 0 ? 0 : pick % (document.Length + 1);
            var moved = PresenceTransform.Index(index, operation);
            var after = operation.Apply(document);
            Assert.InRange(moved, 0, after.Length);
            if (index < document.Length && Retains(operation, index))
            {
                Assert.Equal(document[index], after[moved]); // still in front of the same character
            }
        }, iter: 2_000);

    [Fact]
    public void Presence_is_moved_selection_by_selection_and_takes_the_new_revision()
    {
        var presence = new ParticipantPresence(4, [new PresenceSelection(0, 2), new PresenceSelection(3, 3)]);
        var moved = PresenceTransform.Apply(presence, TextOperation.Splice(3, 0, 0, "ab"), 5);
        Assert.Equal(5, moved.Revision);
        Assert.Equal([new PresenceSelection(2, 4), new PresenceSelection(5, 5)], moved.Selections);
    }

    [Fact]
    public void A_users_colour_is_a_palette_colour_that_never_changes()
    {
        var user = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(ParticipantColours.Of(user), ParticipantColours.Of(Guid.Parse(user.ToString())));
        Assert.Equal("#2a9d8f", ParticipantColours.Of(user)); // pinned (computed independently): every client computes the same
        Assert.Equal(ParticipantColours.All.Count, Enumerable.Range(0, 500).Select(_ => ParticipantColours.Of(Guid.NewGuid())).Distinct().Count());
        Assert.Equal(ParticipantColours.Of(user), new RoomParticipant(user, "Ana").Colour);
    }

    [Theory]
    [InlineData("An unexpected error: HubException: [rate-limited] retry after 250 ms: too many Submit calls.", 250)]
    [InlineData("[rate-limited] retry after 1 ms: x", 1)]
    public void The_wait_is_read_from_a_rate_limited_message(string message, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DojoErrorCodes.RetryAfter(message));

    [Theory]
    [InlineData("[base-length-mismatch] retry after 250 ms")]
    [InlineData("[rate-limited] retry after soon")]
    public void Other_messages_have_no_wait(string message) => Assert.Null(DojoErrorCodes.RetryAfter(message));

    private static bool Retains(TextOperation operation, int index)
    {
        var position = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsInsert)
            {
                continue;
            }

            if (index < position + component.Length)
            {
                return component.IsRetain;
            }

            position += component.Length;
        }

        return false;
    }
}
