using System.Collections.Immutable;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// One tenant's search index at one version of its POCs: an immutable <see cref="IndexSegment"/> as
/// it was loaded, plus the POCs changed since (<see cref="Changed"/>: their current state, null when
/// deleted), which supersede their slots in the segment. Never modified: applying changes makes a new
/// index, so a search reads one consistent version without locks while another request catches up.
/// The changes are searched one by one; past <see cref="SearchIndexOptions.MaxChanges"/> of them the
/// store reloads the segment from the database.
/// </summary>
internal sealed class TenantSearchIndex
{
    private readonly ulong[]? superseded;

    private TenantSearchIndex(IndexSegment segment, ulong[]? superseded, ImmutableDictionary<Guid, IndexedPoc?> changed, long version)
    {
        Segment = segment;
        this.superseded = superseded;
        Changed = changed;
        Version = version;
    }

    public TenantSearchIndex(IndexSegment segment, long version)
        : this(segment, null, ImmutableDictionary<Guid, IndexedPoc?>.Empty, version)
    {
    }

    public IndexSegment Segment { get; }

    /// <summary>POCs changed since the segment was built: their current state, or null when deleted.</summary>
    public ImmutableDictionary<Guid, IndexedPoc?> Changed { get; }

    /// <summary>The tenant's change version (table <c>poc_search_versions</c>) this index reflects.</summary>
    public long Version { get; }

    /// <summary>POCs held: the segment's and the changed ones (what the replica's budget counts).</summary>
    public int Size => Segment.Count + Changed.Count;

    /// <summary>This index with the POCs changed up to <paramref name="version"/> applied (each its current state, or null when deleted).</summary>
    public TenantSearchIndex With(IReadOnlyCollection<(Guid Id, IndexedPoc? Poc)> changes, long version)
    {
        ulong[]? bits = null;
        foreach (var (id, _) in changes)
        {
            if (Segment.TryGetSlot(id, out var slot))
            {
                bits ??= superseded is null ? new ulong[(Segment.Count + 63) >> 6] : (ulong[])superseded.Clone();
                bits[slot >> 6] |= 1UL << slot;
            }
        }

        return new TenantSearchIndex(Segment, bits ?? superseded, Changed.SetItems(changes.Select(c => KeyValuePair.Create(c.Id, c.Poc))), version);
    }

    public IndexPage Search(IndexQuery query)
    {
        var (page, total) = Segment.Search(query, superseded);
        if (Changed.IsEmpty)
        {
            return new IndexPage(page, total);
        }

        // The changed POCs: checked one by one, merged into the segment's page.
        var best = new BestHits(query);
        foreach (var hit in page)
        {
            best.Offer(hit.Id, hit.Position);
        }

        foreach (var poc in Changed.Values)
        {
            if (poc is not null && ChangedPocMatcher.Matches(poc, query, out var score))
            {
                total++;
                var value = query.Order switch
                {
                    IndexOrder.Relevance => IndexPosition.ValueOf(score),
                    IndexOrder.Updated => poc.UpdatedTicks,
                    _ => poc.CreatedTicks,
                };
                best.Offer(poc.Id, new IndexPosition(value, poc.IdKey));
            }
        }

        return new IndexPage(best.InOrder(), Math.Min(total, query.CountCap));
    }
}
