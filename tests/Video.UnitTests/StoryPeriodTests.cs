using Microsoft.Extensions.Time.Testing;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

public sealed class StoryPeriodTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    [Fact]
    public void The_period_is_the_twelve_months_up_to_today_in_the_viewers_zone()
    {
        // 02:00 UTC on 1 March is still 28 February in São Paulo (UTC−3).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

        var period = StoryPeriod.LastTwelveMonths(time, SaoPaulo);

        Assert.Equal(new DateOnly(2026, 2, 28), period.Last);
        Assert.Equal(new DateOnly(2025, 3, 1), period.First);
        Assert.True(period.Contains(new DateOnly(2025, 3, 1)));
        Assert.False(period.Contains(new DateOnly(2025, 2, 28)));
        Assert.False(period.Contains(new DateOnly(2026, 3, 1)));
    }
}
