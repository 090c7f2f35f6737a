using PocTracker.Contracts.Video;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.Server;

/// <summary>The year-video calls (the SDK's <c>VideosClient</c>).</summary>
public interface IVideosApi
{
    /// <summary>Asks for this year's video in <paramref name="culture"/> (<c>pt-BR</c>/<c>en</c>); 429 with Retry-After past the cap.</summary>
    Task<VideoDto> RequestAsync(string culture, CancellationToken cancellationToken);

    /// <summary>The person's videos, newest first.</summary>
    Task<IReadOnlyList<VideoDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The video's states until it ends.</summary>
    IAsyncEnumerable<VideoDto> FollowAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The MP4 of a succeeded video.</summary>
    Task<IncomingFile> OpenContentAsync(Guid id, CancellationToken cancellationToken);
}
