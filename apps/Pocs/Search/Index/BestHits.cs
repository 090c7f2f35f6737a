namespace PocTracker.Pocs.Search.Index;

/// <summary>The first N hits after the cursor in the query's order, from hits offered in any order.</summary>
internal sealed class BestHits(IndexQuery query)
{
    // The worst kept hit on top, so that a better one replaces it.
    private readonly PriorityQueue<IndexHit, IndexPosition> kept = new(
        query.Descending ? Comparer<IndexPosition>.Default : Comparer<IndexPosition>.Create((a, b) => b.CompareTo(a)));

    public void Offer(Guid id, IndexPosition position)
    {
        if (query.After is { } after && (query.Descending ? position.CompareTo(after) >= 0 : position.CompareTo(after) <= 0))
        {
            return;
        }

        if (kept.Count < query.PageSize)
        {
            kept.Enqueue(new IndexHit(id, position), position);
        }
        else if (kept.TryPeek(out _, out var worst) && (query.Descending ? position.CompareTo(worst) > 0 : position.CompareTo(worst) < 0))
        {
            kept.EnqueueDequeue(new IndexHit(id, position), position);
        }
    }

    public List<IndexHit> InOrder()
    {
        var hits = new List<IndexHit>(kept.Count);
        while (kept.TryDequeue(out var hit, out _))
        {
            hits.Add(hit);
        }

        hits.Reverse();
        return hits;
    }
}
