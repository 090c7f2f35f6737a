using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Octokit.Caching;
using Octokit.Internal;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// GitHub's answers kept with their ETags for Octokit's <see cref="CachingHttpClient"/>, which sends the ETag back as
/// <c>If-None-Match</c> and answers a 304 from here: conditional requests do not count against GitHub's rate limit.
/// Bounded (<see cref="GitHubOptions.CacheSizeLimit"/>, the least recently used go first) and per replica. The
/// answers are public repositories only, the same for every tenant, so one cache serves all of them.
/// </summary>
internal sealed class GitHubResponseCache(IOptions<GitHubOptions> options) : IResponseCache, IDisposable
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheSizeLimit });

    public Task<CachedResponse.V1> GetAsync(IRequest request) =>
        Task.FromResult(cache.TryGetValue(KeyOf(request), out CachedResponse.V1? cached) ? cached! : null!);

    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        ArgumentNullException.ThrowIfNull(cachedResponse);
        if (cachedResponse.Body is string body && !string.IsNullOrEmpty(cachedResponse.ApiInfo?.Etag))
        {
            cache.Set(KeyOf(request), cachedResponse, new MemoryCacheEntryOptions
            {
                Size = body.Length + 1,
                SlidingExpiration = KeptFor,
            });
        }

        return Task.CompletedTask;
    }

    public void Dispose() => cache.Dispose();

    // Octokit applies the query (page, per_page) to the endpoint; the Accept header changes the representation.
    private static string KeyOf(IRequest request) =>
        $"{request.BaseAddress}|{request.Endpoint}|{string.Join('&', request.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}|{request.Headers.GetValueOrDefault("Accept")}";
}
