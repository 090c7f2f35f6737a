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
