using System.Net.Http.Headers;
using System.Net.Http.Json;
using PocTracker.Contracts.Video;
using PocTracker.Sdk.Downloads;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.Waiting;

namespace PocTracker.Sdk.Videos;

/// <summary>
/// The year video (<c>/api/videos</c>, docs/video.md): ask for one, follow it, download the MP4. The
/// <see cref="HttpClient"/> carries the server's base address and an access token for the <c>video</c> audience, best
/// through <see cref="SignIn.AccessTokenHandler"/> (the content may be a redirect to object storage, which must not get
/// the token; the handler that follows redirects drops it). Error answers throw <see cref="PocTrackerProblemException"/>.
/// </summary>
public sealed class VideosClient(HttpClient http, TimeProvider? time = null)
{
    private const string Videos = "api/videos";
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>
    /// Asks for the caller's year video (<c>POST /api/videos</c>, 202); while one of theirs is in the making, that one
    /// comes back. 429 (with Retry-After) past the organisation's videos in the making at once.
    /// </summary>
    /// <param name="request">The format; landscape when null.</param>
    /// <param name="culture">The film's language (<c>pt-BR</c> or <c>en</c>), sent as Accept-Language; the server's default when null.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<VideoDto> RequestAsync(StartVideoRequest? request = null, string? culture = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Videos, UriKind.Relative))
        {
            Content = JsonContent.Create(request ?? new StartVideoRequest(), SdkJson.Default.StartVideoRequest),
        };
        if (culture is not null)
        {
            message.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
        }

        return await ProblemAnswers.SendForJsonAsync(http, message, SdkJson.Default.VideoDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller's videos, newest first (<c>GET /api/videos</c>).</summary>
    public async Task<IReadOnlyList<VideoDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Videos, UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.IReadOnlyListVideoDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One video (<c>GET /api/videos/{id}</c>); with <paramref name="waitSeconds"/> (0–30) the server answers as soon as it is done or failed, or then.</summary>
    public async Task<VideoDto> GetAsync(Guid id, int waitSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(waitSeconds, LongPolling.MaxWaitSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Videos}/{id}" + (waitSeconds > 0 ? $"?wait={waitSeconds}" : ""), UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.VideoDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The video once it has <c>succeeded</c> or <c>failed</c> (see <see cref="VideoDto.Reason"/>), by long polling;
    /// <see cref="TimeoutException"/> when it has not within <paramref name="timeout"/>.
    /// </summary>
    public Task<VideoDto> WaitAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        LongPolling.UntilAsync((wait, token) => GetAsync(id, wait, token), video => video.Status is "succeeded" or "failed", timeout, clock, cancellationToken);

    /// <summary>
    /// Every status of a video until it has <c>succeeded</c> or <c>failed</c> (the last one yielded), for a progress bar:
    /// each comes by long polling, <paramref name="refreshSeconds"/> after the one before while it is being made (with
    /// its <c>stage</c> and <c>progress</c>), and at once when it ends. No deadline of its own: cancel to stop following.
    /// </summary>
    public IAsyncEnumerable<VideoDto> FollowAsync(Guid id, int refreshSeconds = 3, CancellationToken cancellationToken = default) =>
        LongPolling.FollowAsync((wait, token) => GetAsync(id, wait, token), video => video.Status is "succeeded" or "failed", refreshSeconds, cancellationToken);

    /// <summary>
    /// The MP4 of a succeeded video (<c>GET /api/videos/{id}/content</c>, or the object-storage link it redirects to),
    /// read as it arrives. 409 until it is done.
    /// </summary>
    public async Task<DownloadedFile> OpenContentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Videos}/{id}/content", UriKind.Relative));
        return await DownloadedFile.OpenAsync(http, request, cancellationToken).ConfigureAwait(false);
    }
}
