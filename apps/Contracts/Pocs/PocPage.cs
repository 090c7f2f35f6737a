namespace PocTracker.Contracts.Pocs;

/// <summary>One page of search results.</summary>
/// <param name="Items">The POCs of this page, in the requested order.</param>
/// <param name="NextCursor">Opaque cursor for the next page, or null on the last page.</param>
/// <param name="Total">How many POCs match, counted up to <paramref name="TotalIsExact"/>'s cap.</param>
/// <param name="TotalIsExact">False when more POCs match than the count looks at (the total is then a lower bound).</param>
public sealed record PocPage(IReadOnlyList<PocDto> Items, string? NextCursor, int Total, bool TotalIsExact);

/// <summary>A facet value with how many visible POCs carry it.</summary>
public sealed record FacetCount(string Value, string DisplayName, int Count);

/// <summary>Languages and tags over every POC the caller may see.</summary>
public sealed record PocFacets(IReadOnlyList<FacetCount> Languages, IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Statuses);
