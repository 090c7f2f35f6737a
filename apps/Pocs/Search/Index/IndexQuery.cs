using System.Globalization;

namespace PocTracker.Pocs.Search.Index;

/// <summary>The orders the index serves. <c>name</c> is not one of them: it follows the database's collation, so PostgreSQL answers it.</summary>
internal enum IndexOrder
{
    Newest,
    Oldest,
    Updated,
    Relevance,
}

/// <summary>
/// A search as the index runs it: the <see cref="PocSearchQuery"/> with its texts folded by the
/// database's own <c>poc_fold</c> (so the index compares exactly what the SQL would), the caller,
/// and how many rows and matches to return.
/// </summary>
internal sealed record IndexQuery(
    string[] Tags,
    bool AllTags,
    string? NamePattern,
    string[] Words,
    string? Language,
    string[] Statuses,
    bool OnlyMine,
    IndexOrder Order,
    IndexPosition? After,
    int PageSize,
    int CountCap,
    Guid UserId,
    bool IsAdmin)
{
    public bool Descending => Order != IndexOrder.Oldest;
}

/// <summary>
/// A place in an order: the sort value (creation or update time in ticks, or a score's bits, which
/// order like the score for the non-negative scores searches give) and the id as PostgreSQL orders it.
/// </summary>
internal readonly record struct IndexPosition(long Value, UInt128 IdKey) : IComparable<IndexPosition>
{
    public int CompareTo(IndexPosition other)
    {
        var byValue = Value.CompareTo(other.Value);
        return byValue != 0 ? byValue : IdKey.CompareTo(other.IdKey);
    }

    public static long ValueOf(float score) => BitConverter.SingleToInt32Bits(score);

    public static float ScoreOf(long value) => BitConverter.Int32BitsToSingle((int)value);
}

/// <summary>A match on a page: the POC and its place in the order.</summary>
internal readonly record struct IndexHit(Guid Id, IndexPosition Position);

/// <summary>A page of matches in order (up to the page size) and the number of matches, counted up to the cap.</summary>
internal sealed record IndexPage(IReadOnlyList<IndexHit> Hits, int Total);

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
