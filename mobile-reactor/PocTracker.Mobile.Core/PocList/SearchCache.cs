using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.PocList;

/// <summary>
/// The search results kept on the device: the default list always, plus the last <see cref="Kept"/> other searches
/// (the oldest is forgotten first). The POCs in them are also what the detail page and the offline name check read.
/// </summary>
public sealed class SearchCache(IDeviceCache cache)
{
    public const int Kept = 10;

    internal const string RecentKey = "searches-recent";

    public Task<CachedSearch?> ReadAsync(PocQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return cache.ReadAsync(query.CacheKey, MobileJson.Default.CachedSearch, cancellationToken);
    }

    public async Task WriteAsync(CachedSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await cache.WriteAsync(search.Query.CacheKey, search, MobileJson.Default.CachedSearch, cancellationToken).ConfigureAwait(false);
        if (search.Query.IsDefault)
        {
            return;
        }

        var recent = await cache.ReadAsync(RecentKey, MobileJson.Default.IReadOnlyListString, cancellationToken).ConfigureAwait(false) ?? [];
        var now = recent.Where(k => k != search.Query.CacheKey).Prepend(search.Query.CacheKey).ToList();
        foreach (var forgotten in now.Skip(Kept))
        {
            await cache.RemoveAsync(forgotten, cancellationToken).ConfigureAwait(false);
        }

        await cache.WriteAsync(RecentKey, [.. now.Take(Kept)], MobileJson.Default.IReadOnlyListString, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every POC in the cached searches, once each (the newest copy): for the detail page offline and the name check.</summary>
    public async Task<IReadOnlyList<PocDto>> KnownPocsAsync(CancellationToken cancellationToken)
    {
        var keys = (await cache.ReadAsync(RecentKey, MobileJson.Default.IReadOnlyListString, cancellationToken).ConfigureAwait(false) ?? [])
            .Prepend(new PocQuery().CacheKey);
        var known = new Dictionary<Guid, PocDto>();
        foreach (var key in keys)
        {
            var search = await cache.ReadAsync(key, MobileJson.Default.CachedSearch, cancellationToken).ConfigureAwait(false);
            foreach (var poc in search?.Items ?? [])
            {
                if (!known.TryGetValue(poc.Id, out var seen) || seen.Version < poc.Version)
                {
                    known[poc.Id] = poc;
                }
            }
        }

        return [.. known.Values];
    }
}
