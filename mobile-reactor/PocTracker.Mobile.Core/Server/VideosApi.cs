using PocTracker.Contracts.Video;
using PocTracker.Mobile.Core.Device;
using PocTracker.Sdk.Videos;

namespace PocTracker.Mobile.Core.Server;

/// <summary><see cref="IVideosApi"/> over the SDK's <see cref="VideosClient"/>.</summary>
public sealed class VideosApi(VideosClient client) : IVideosApi
{
    public Task<VideoDto> RequestAsync(string culture, CancellationToken cancellationToken) =>
        client.RequestAsync(null, culture, cancellationToken);

    public Task<IReadOnlyList<VideoDto>> ListAsync(CancellationToken cancellationToken) => client.ListAsync(cancellationToken);

    public IAsyncEnumerable<VideoDto> FollowAsync(Guid id, CancellationToken cancellationToken) =>
        client.FollowAsync(id, cancellationToken: cancellationToken);

    public async Task<IncomingFile> OpenContentAsync(Guid id, CancellationToken cancellationToken) =>
        IncomingFile.Of(await client.OpenContentAsync(id, cancellationToken).ConfigureAwait(false));
}
