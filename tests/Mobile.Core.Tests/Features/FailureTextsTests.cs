using System.Net;
using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.Core.Tests.Features;

public sealed class FailureTextsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(3600, 60)]
    public void A_cap_reads_in_whole_minutes_rounded_up(int seconds, int minutes) =>
        Assert.Equal(minutes, new Failure(FailureKind.Refused, HttpStatusCode.TooManyRequests, RetryAfter: TimeSpan.FromSeconds(seconds)).MinutesToWait());

    [Fact]
    public void Each_kind_of_failure_has_its_text()
    {
        Assert.Equal(FailureTexts.Offline, FailureTexts.KeyOf(Failure.Offline));
        Assert.Equal(FailureTexts.SignedOut, FailureTexts.KeyOf(Failure.SignedOut));
        Assert.Equal(FailureTexts.TryAgainInMinutes, FailureTexts.KeyOf(new Failure(FailureKind.Refused, HttpStatusCode.TooManyRequests, RetryAfter: TimeSpan.FromMinutes(5))));
        Assert.Null(FailureTexts.KeyOf(new Failure(FailureKind.Refused, HttpStatusCode.Conflict, Detail: "You are the last owner")));
        Assert.Null(new Failure(FailureKind.Refused, HttpStatusCode.Conflict).MinutesToWait());
        Assert.Equal(FailureTexts.Unexpected, FailureTexts.KeyOf(new Failure(FailureKind.Unexpected, Detail: "bug")));
    }
}
