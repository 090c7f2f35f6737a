using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

public sealed class YearStoryTests
{
    [Fact]
    public void A_poc_belongs_to_the_period_when_created_started_or_finished_in_it()
    {
        var story = YearStory.Tell(HandYear.Request());

        Assert.Equal([HandYear.A, HandYear.B, HandYear.D, HandYear.C, HandYear.E], story.Pocs);
    }

    [Fact]
    public void A_creation_counts_on_the_day_of_the_clock_its_time_carries()
    {
        // 22:30 in São Paulo on the period's last day is already the next day in UTC.
        var lateEvening = new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.FromHours(-3));
        var idea = HandYear.D with { StartedOn = null, CreatedAt = lateEvening };

        Assert.True(YearStory.Belongs(idea, SampleYears.Period));
        Assert.Equal(new DateOnly(2026, 11, 30), YearStory.BeganOn(idea));
        Assert.False(YearStory.Belongs(idea with { CreatedAt = lateEvening.ToUniversalTime() }, SampleYears.Period));
    }

    [Fact]
    public void The_year_in_numbers_counts_starts_in_the_period_and_done_finishes_in_it()
    {
        var story = YearStory.Tell(HandYear.Request());

        // B, C and E started in the period (A started before it, D never started).
        Assert.Equal(3, story.Started);
        // A and C are done with a finish day inside; E was dropped, which is not finishing.
        Assert.Equal(2, story.Finished);
    }

    [Fact]
    public void Languages_and_tags_are_ranked_by_use_then_name()
    {
        var story = YearStory.Tell(HandYear.Request());

        Assert.Equal([new StoryTally("C#", 2), new StoryTally("Go", 1), new StoryTally("Rust", 1)], story.Languages);
        Assert.Equal([new StoryTally("ai", 3), new StoryTally("wasm", 2), new StoryTally("dapr", 1)], story.TopTags);
    }

    [Fact]
    public void The_busiest_month_and_the_longest_streak_count_pocs_begun_in_the_period()
    {
        var story = YearStory.Tell(HandYear.Request());

        // Begun in the period: B 5 Jan, C 13 Jan, D 20 Jan, E 3 Mar (A began in November 2025, outside).
        Assert.Equal(new MonthTally(new DateOnly(2026, 1, 1), 3), story.BusiestMonth);
        // The weeks of 5, 12 and 19 January follow each other; March stands alone.
        Assert.Equal(3, story.LongestWeekStreak);
        Assert.Equal(12, story.NewPerMonth.Count);
        Assert.Equal(new DateOnly(2025, 12, 1), story.NewPerMonth[0].Month);
        Assert.Equal([0, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], story.NewPerMonth.Select(month => month.Count));
    }

    [Fact]
    public void With_few_pocs_every_one_gets_a_card_in_the_order_they_happened()
    {
        var story = YearStory.Tell(HandYear.Request());

        Assert.Equal([HandYear.A, HandYear.B, HandYear.D, HandYear.C, HandYear.E], story.Cards);
        Assert.Empty(story.Rest);
    }

    [Fact]
    public void With_many_pocs_the_most_notable_get_cards_and_the_rest_is_summarised()
    {
        // Scores: A done+repo+language+2 tags ≈ 66, C done+language+2 tags ≈ 53, B in progress ≈ 34, E dropped ≈ 16, D idea ≈ 11.
        var story = YearStory.Tell(HandYear.Request(), maxCards: 2);

        Assert.Equal([HandYear.A, HandYear.C], story.Cards);
        Assert.Equal([HandYear.B, HandYear.E, HandYear.D], story.Rest);
    }

    [Fact]
    public void Notability_rewards_progress_something_to_show_and_recency()
    {
        var period = SampleYears.Period;

        Assert.Equal(40 + 15 + 5 + 6 + (10.0 * 4 / 364), NotablePocs.Score(HandYear.A, period), 6);
        Assert.Equal(10 + (10.0 * 50 / 364), NotablePocs.Score(HandYear.D, period), 6);
        Assert.True(NotablePocs.Score(HandYear.C, period) > NotablePocs.Score(HandYear.B, period));
    }

    [Fact]
    public void An_empty_year_has_no_cards_no_busiest_month_and_no_streak()
    {
        var story = YearStory.Tell(HandYear.Request() with { Pocs = [HandYear.F, HandYear.G] });

        Assert.Empty(story.Pocs);
        Assert.Null(story.BusiestMonth);
        Assert.Equal(0, story.LongestWeekStreak);
        Assert.Empty(story.Cards);
        Assert.Empty(story.Languages);
    }
}
