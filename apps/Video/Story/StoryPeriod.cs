namespace PocTracker.Video.Story;

/// <summary>
/// The period a film tells: always the twelve months up to now (no custom dates), as whole days in
/// the viewer's time zone — from the day after the same date a year ago through today.
/// </summary>
/// <param name="First">First day of the period.</param>
/// <param name="Last">Last day of the period (today).</param>
public sealed record StoryPeriod(DateOnly First, DateOnly Last)
{
    /// <summary>The twelve months up to <paramref name="time"/>'s now, in <paramref name="zone"/>.</summary>
    public static StoryPeriod LastTwelveMonths(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return new StoryPeriod(today.AddYears(-1).AddDays(1), today);
    }

    /// <summary>Whether <paramref name="day"/> falls inside the period.</summary>
    public bool Contains(DateOnly day) => day >= First && day <= Last;
}
