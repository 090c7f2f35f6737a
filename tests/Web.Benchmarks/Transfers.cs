namespace PocTracker.Web.Benchmarks;

/// <summary>
/// The bytes a page received over the network while it is being watched: each finished request's response body as
/// transferred (compressed when the server compressed it) plus its headers. Answers from the memory or disk cache and
/// from the service worker's cache transfer nothing and are counted as requests only.
/// </summary>
internal sealed class Transfers : IDisposable
{
    private readonly IPage page;
    private readonly List<Task<(string Url, long Bytes)>> finished = [];

    public Transfers(IPage page)
    {
        this.page = page;
        page.RequestFinished += OnFinished;
    }

    /// <summary>What has finished so far: the requests and their bytes, largest first.</summary>
    public async Task<IReadOnlyList<(string Url, long Bytes)>> SoFarAsync()
    {
        Task<(string Url, long Bytes)>[] snapshot;
        lock (finished)
        {
            snapshot = [.. finished];
        }

        return [.. (await Task.WhenAll(snapshot)).OrderByDescending(transfer => transfer.Bytes)];
    }

    public void Dispose() => page.RequestFinished -= OnFinished;

    private void OnFinished(object? sender, IRequest request)
    {
        lock (finished)
        {
            finished.Add(SizeOf(request));
        }
    }

    private static async Task<(string Url, long Bytes)> SizeOf(IRequest request)
    {
        var sizes = await request.SizesAsync();
        return (request.Url, Math.Max(0, sizes.ResponseBodySize) + Math.Max(0, sizes.ResponseHeadersSize));
    }
}
