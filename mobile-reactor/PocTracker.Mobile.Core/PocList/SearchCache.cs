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

    /// <summary>How many POCs opened one by one (the detail page) are kept besides the searches.</summary>
    public const int KeptOpened = 50;

    internal const string RecentKey = "searches-recent";

    internal const string OpenedKey = "pocs-opened";

    /// <summary>Keeps a POC the person opened (perhaps from a later page, never cached with a search), newest first.</summary>
    public async Task RememberOpenedAsync(PocDto poc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poc);
        var opened = await cache.ReadAsync(OpenedKey, MobileJson.Default.IReadOnlyListPocDto, cancellationToken).ConfigureAwait(false) ?? [];
        await cache.WriteAsync(OpenedKey, [.. opened.Where(p => p.Id != poc.Id).Prepend(poc).Take(KeptOpened)], MobileJson.Default.IReadOnlyListPocDto, cancellationToken)
            .ConfigureAwait(false);
    }

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

    /// <summary>Every POC in the cached searches and the opened ones, once each (the newest copy): for the detail page offline and the name check.</summary>
    public async Task<IReadOnlyList<PocDto>> KnownPocsAsync(CancellationToken cancellationToken)
    {
        var keys = (await cache.ReadAsync(RecentKey, MobileJson.Default.IReadOnlyListString, cancellationToken).ConfigureAwait(false) ?? [])
            .Prepend(new PocQuery().CacheKey);
        var known = new Dictionary<Guid, PocDto>();
        foreach (var poc in await cache.ReadAsync(OpenedKey, MobileJson.Default.IReadOnlyListPocDto, cancellationToken).ConfigureAwait(false) ?? [])
        {
            known[poc.Id] = poc;
        }

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
