namespace PocTracker.Pocs.Search;

/// <summary>Which search side table (migration 0002) a key is looked up in.</summary>
internal enum SearchKeyKind
{
    /// <summary>A folded tag in <c>poc_tags</c>; its POCs come newest first from the index.</summary>
    Tag,

    /// <summary>Several folded tags, any of which (<c>tagMode=any</c>) in <c>poc_tags</c>.</summary>
    AnyTag,

    /// <summary>A trigram of the name filter in <c>poc_name_trigrams</c>; its POCs come newest first.</summary>
    Trigram,

    /// <summary>A folded free-text word: the range of <c>poc_terms</c> lexemes starting with it.</summary>
    Word,
}

/// <summary>
/// One key a search looks up in a side table, folded by the database, and how common it is in the
/// tenant: its index entries counted up to <see cref="PocSearchSql.FrequencyCap"/>, so that the
/// search can start from its rarest key and probe the others.
/// </summary>
internal sealed record SearchKey(SearchKeyKind Kind, string[] Values, string? End, int Frequency)
{
    /// <summary>The key's entries come newest first from its index (one value of a tag or trigram).</summary>
    public bool IsOrdered => Kind is SearchKeyKind.Tag or SearchKeyKind.Trigram;

    /// <summary>Fewer entries than the cap: reading all of them is cheap.</summary>
    public bool IsRare => Frequency < PocSearchSql.FrequencyCap;
}
