namespace PocTracker.Pocs.Search;

/// <summary>
/// Where a page ended: the sort it belongs to, the last row's sort key (in <c>SortKeyText</c>'s format)
/// and id. Clients only ever see it sealed by <see cref="SearchCursorProtector"/>.
/// </summary>
internal sealed record SearchCursor(string Sort, string Key, Guid Id);
