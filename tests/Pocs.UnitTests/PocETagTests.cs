using Microsoft.Extensions.Primitives;
using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.UnitTests;

public sealed class PocETagTests
{
    [Theory]
    [InlineData("\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1\", \"3\"", true)]
    [InlineData("\"2\"", false)]
    [InlineData("W/\"3\"", false)]
    [InlineData("3", false)]
    [InlineData("garbage\"", false)]
    public void If_match_compares_strongly_with_the_current_version(string header, bool matches) =>
        Assert.Equal(matches, PocETag.Matches(new StringValues(header), 3));
}
