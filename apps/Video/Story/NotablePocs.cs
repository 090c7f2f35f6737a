using PocTracker.Contracts.Pocs;

namespace PocTracker.Video.Story;

/// <summary>
/// Which POCs deserve a card when there are too many for one each. A POC scores for how far it got
/// (done 40, in progress 25, idea 10, dropped 5), for having something to show (a repository 15, a
/// language 5, a description 5), for how well it is described (3 per tag, at most 15) and for being
/// recent (up to 10, by how late in the period it last moved). Ties go to the more recent, then by name.
/// </summary>
public static class NotablePocs
{
    /// <summary>The POCs, most notable first.</summary>
    public static IReadOnlyList<PocDto> Rank(IEnumerable<PocDto> pocs, StoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        ArgumentNullException.ThrowIfNull(period);
        return pocs
            .OrderByDescending(poc => Score(poc, period))
            .ThenByDescending(YearStory.StoryDay)
            .ThenBy(poc => poc.Name, StringComparer.Ordinal)
            .ThenBy(poc => poc.Id)
            .ToList();
    }

    /// <summary>The POC's score (0–100).</summary>
    public static double Score(PocDto poc, StoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(poc);
        ArgumentNullException.ThrowIfNull(period);
        double score = poc.Status switch
        {
            "done" => 40,
            "in-progress" => 25,
            "idea" => 10,
            _ => 5,
        };
        if (!string.IsNullOrWhiteSpace(poc.RepositoryUrl))
        {
            score += 15;
        }

        if (YearStory.LanguageName(poc) is not null)
        {
            score += 5;
        }

        if (!string.IsNullOrWhiteSpace(poc.Description))
        {
            score += 5;
        }

        score += 3 * Math.Min(5, poc.Tags.Count);

        var length = period.Last.DayNumber - period.First.DayNumber;
        var day = Math.Clamp(YearStory.StoryDay(poc).DayNumber, period.First.DayNumber, period.Last.DayNumber);
        score += length == 0 ? 10 : 10.0 * (day - period.First.DayNumber) / length;
        return score;
    }
}
