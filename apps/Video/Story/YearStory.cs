using PocTracker.Contracts.Pocs;

namespace PocTracker.Video.Story;

/// <summary>
/// What the film tells, worked out from the request: the POCs of the period, the year in numbers and
/// which POCs get a card of their own. Pure and deterministic, so the script and the render (separate
/// workflow activities) compute the same story from the same request.
/// </summary>
/// <param name="Period">The twelve months told.</param>
/// <param name="Pocs">The POCs that belong to the period (see <see cref="Belongs"/>), oldest first.</param>
/// <param name="Started">POCs whose work started inside the period.</param>
/// <param name="Finished">POCs done with a finish day inside the period.</param>
/// <param name="Languages">Languages of the period's POCs, most used first.</param>
/// <param name="TopTags">The five most used tags, most used first.</param>
/// <param name="BusiestMonth">The month in which most POCs began (earliest on a tie), or null when none began.</param>
/// <param name="LongestWeekStreak">The longest run of consecutive weeks (Monday to Sunday) each with a POC begun.</param>
/// <param name="NewPerMonth">POCs begun in each of the period's months, oldest month first.</param>
/// <param name="Cards">The POCs that get a card, in the order they happened.</param>
/// <param name="Rest">The period's POCs without a card, most notable first (summarised in one scene).</param>
public sealed record YearStory(
    StoryPeriod Period,
    IReadOnlyList<PocDto> Pocs,
    int Started,
    int Finished,
    IReadOnlyList<StoryTally> Languages,
    IReadOnlyList<StoryTally> TopTags,
    MonthTally? BusiestMonth,
    int LongestWeekStreak,
    IReadOnlyList<MonthTally> NewPerMonth,
    IReadOnlyList<PocDto> Cards,
    IReadOnlyList<PocDto> Rest)
{
    /// <summary>Up to this many POCs every POC gets a card; beyond it only the most notable do.</summary>
    public const int MaxCards = 6;

    /// <summary>How many tags "top tags" names.</summary>
    public const int TopTagCount = 5;

    /// <summary>Works out the story of <paramref name="request"/>'s period.</summary>
    public static YearStory Tell(StoryRequest request, int maxCards = MaxCards)
    {
        ArgumentNullException.ThrowIfNull(request);
        var period = request.Period;
        var pocs = request.Pocs
            .Where(poc => Belongs(poc, period))
            .OrderBy(StoryDay).ThenBy(poc => poc.Name, StringComparer.Ordinal).ThenBy(poc => poc.Id)
            .ToList();

        var started = pocs.Count(poc => poc.StartedOn is { } day && period.Contains(day));
        var finished = pocs.Count(poc => IsDone(poc) && poc.FinishedOn is { } day && period.Contains(day));

        var languages = Tally(pocs.Select(LanguageName).OfType<string>(), int.MaxValue);
        var tags = Tally(pocs.SelectMany(poc => poc.Tags.Distinct(StringComparer.Ordinal)), TopTagCount);

        var begun = pocs.Select(BeganOn).Where(period.Contains).ToList();
        var months = Months(period)
            .Select(month => new MonthTally(month, begun.Count(day => day.Year == month.Year && day.Month == month.Month)))
            .ToList();
        var busiest = months.Where(month => month.Count > 0)
            .OrderByDescending(month => month.Count).ThenBy(month => month.Month)
            .FirstOrDefault();

        var ranked = NotablePocs.Rank(pocs, period);
        IReadOnlyList<PocDto> cards;
        IReadOnlyList<PocDto> rest;
        if (pocs.Count <= maxCards)
        {
            cards = pocs;
            rest = [];
        }
        else
        {
            var chosen = ranked.Take(maxCards).ToHashSet();
            cards = pocs.Where(chosen.Contains).ToList();
            rest = ranked.Skip(maxCards).ToList();
        }

        return new YearStory(period, pocs, started, finished, languages, tags, busiest, LongestStreak(begun), months, cards, rest);
    }

    /// <summary>
    /// A POC belongs to the period when it was created, started or finished inside it (creation
    /// counted on the day of the clock its time carries: collect puts it on the viewer's). A POC started before the period and still open without any of the
    /// three inside it belongs to an earlier year's story.
    /// </summary>
    public static bool Belongs(PocDto poc, StoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(poc);
        ArgumentNullException.ThrowIfNull(period);
        return period.Contains(DateOnly.FromDateTime(poc.CreatedAt.DateTime))
            || (poc.StartedOn is { } started && period.Contains(started))
            || (poc.FinishedOn is { } finished && period.Contains(finished));
    }

    /// <summary>The day a POC began: the day work started, or the day it was written down when it never started.</summary>
    public static DateOnly BeganOn(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return poc.StartedOn ?? DateOnly.FromDateTime(poc.CreatedAt.DateTime);
    }

    /// <summary>The day that places a POC in the story: when it finished, else when it began.</summary>
    public static DateOnly StoryDay(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return poc.FinishedOn ?? BeganOn(poc);
    }

    /// <summary>Whether the POC is done.</summary>
    public static bool IsDone(PocDto poc) => string.Equals(poc?.Status, "done", StringComparison.Ordinal);

    /// <summary>The language as people name it (<c>C#</c>), falling back to its key.</summary>
    public static string? LanguageName(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        var name = string.IsNullOrWhiteSpace(poc.LanguageDisplayName) ? poc.Language : poc.LanguageDisplayName;
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    private static List<StoryTally> Tally(IEnumerable<string> names, int take) =>
        names.GroupBy(name => name, StringComparer.Ordinal)
            .Select(group => new StoryTally(group.Key, group.Count()))
            .OrderByDescending(tally => tally.Count).ThenBy(tally => tally.Name, StringComparer.Ordinal)
            .Take(take)
            .ToList();

    private static IEnumerable<DateOnly> Months(StoryPeriod period)
    {
        for (var month = new DateOnly(period.First.Year, period.First.Month, 1); month <= period.Last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>Weeks run Monday to Sunday; a streak is a run of weeks that each saw a POC begin.</summary>
    private static int LongestStreak(IEnumerable<DateOnly> days)
    {
        var weeks = days.Select(day => day.AddDays(-(((int)day.DayOfWeek + 6) % 7))).Distinct().Order().ToList();
        var longest = 0;
        var current = 0;
        for (var i = 0; i < weeks.Count; i++)
        {
            current = i > 0 && weeks[i].DayNumber - weeks[i - 1].DayNumber == 7 ? current + 1 : 1;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
