using PocTracker.Contracts.Dojo.Ot;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Sdk.UnitTests;

public sealed class WholeTextDiffTests
{
    [Theory]
    [InlineData("", "abc")]
    [InlineData("abc", "")]
    [InlineData("abc", "abc")]
    [InlineData("a😀b", "a😁b")] // same high surrogate: the boundary may not fall between the halves
    [InlineData("x🇧🇷y", "x🇧🇪y")]
    [InlineData("aaaa", "aaa")]
    [InlineData("olá mundo", "olé mundo")]
    public void The_operation_turns_the_old_text_into_the_new_without_splitting_a_pair(string before, string after)
    {
        var operation = WholeTextDiff.Between(before, after);

        Assert.Equal(after, operation.Apply(before));
        Assert.Equal(TextOperationError.None, operation.CheckAgainst(before));
    }

    [Fact]
    public void Carriage_returns_become_line_feeds()
    {
        Assert.Equal("a\nb\nc", WholeTextDiff.Between("", "a\r\nb\rc").Apply(""));
    }
}
