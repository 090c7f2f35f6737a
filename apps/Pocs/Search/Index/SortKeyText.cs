using System.Globalization;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// The text of a cursor's sort key, the same whichever way the page was searched: times as UTC ISO 8601
/// with microseconds (PostgreSQL's precision; <c>PocSearchSql</c> prints them alike and casts them back),
/// scores as the shortest text that reads back as the same <c>real</c>.
/// </summary>
internal static class SortKeyText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string OfTime(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string OfScore(float score) => score.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(IndexOrder order, IndexPosition position) =>
        order == IndexOrder.Relevance ? OfScore(IndexPosition.ScoreOf(position.Value)) : OfTime(position.Value);

    /// <summary>The position a cursor stands for; null when its key is not in this format (the SQL path then serves it).</summary>
    public static IndexPosition? TryParse(IndexOrder order, string key, Guid id)
    {
        if (order == IndexOrder.Relevance)
        {
            return float.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && float.IsFinite(score) && score >= 0
                ? new IndexPosition(IndexPosition.ValueOf(score), IndexedPoc.OrderKeyOf(id))
                : null;
        }

        return DateTime.TryParseExact(key, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new IndexPosition(time.Ticks, IndexedPoc.OrderKeyOf(id))
            : null;
    }
}
