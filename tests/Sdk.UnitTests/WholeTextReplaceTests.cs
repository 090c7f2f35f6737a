using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.UnitTests;

/// <summary>A plain text box hands the session its whole text; the session sends the change as an operation.</summary>
public sealed class WholeTextReplaceTests
{
    [Theory]
    [InlineData("", "abc")]
    [InlineData("abc", "")]
    [InlineData("a😀b", "a😁b")] // same high surrogate: no boundary may fall between the halves
    [InlineData("x🇧🇷y", "x🇧🇪y")]
    [InlineData("olá mundo", "olé mundo")]
    public async Task The_whole_new_text_is_sent_as_an_operation_that_never_splits_a_pair(string before, string after)
    {
        var room = new ScriptedRoom();
        if (before.Length > 0)
        {
            room.Other(0, before);
        }

        await using var session = await DojoSessionTests.JoinedAsync(room);
        session.Replace(after);

        var sent = await room.NextSubmissionAsync();
        Assert.Equal(TextOperationError.None, sent.Operation.CheckAgainst(before));
        Assert.Equal(after, sent.Operation.Apply(before));
        Assert.Equal(after, session.Text);
    }

    [Fact]
    public async Task Carriage_returns_become_line_feeds()
    {
        var room = new ScriptedRoom();
        await using var session = await DojoSessionTests.JoinedAsync(room);

        session.Replace("a\r\nb\rc");

        Assert.Equal("a\nb\nc", (await room.NextSubmissionAsync()).Operation.Apply(""));
    }

    [Fact]
    public async Task Text_the_room_would_refuse_is_refused_in_the_editor_and_nothing_is_sent()
    {
        var room = new ScriptedRoom();
        room.Other(0, "ok");
        await using var session = await DojoSessionTests.JoinedAsync(room);

        foreach (var (text, error) in new[] { ("ok\uFFFF", TextOperationError.NonCharacter), ("ok\0", TextOperationError.Nul) })
        {
            Assert.Equal(error, Assert.Throws<TextOperationException>(() => session.Replace(text)).Error);
        }

        Assert.Equal(("ok", false), (session.Text, room.HasSubmission));
    }
}
