using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.YearVideo;

/// <summary>Runs the year-video page's effects against the server and the phone's files.</summary>
public sealed class YearVideoEffects(IVideosApi videos, IDeviceFiles files) : IEffects<YearVideoEffect, YearVideoMessage>
{
    public async IAsyncEnumerable<YearVideoMessage> RunAsync(YearVideoEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case RequestVideo request:
                yield return new VideoChanged(await videos.RequestAsync(request.Culture, cancellationToken).ConfigureAwait(false));
                break;
            case FollowVideo follow:
                await foreach (var video in videos.FollowAsync(follow.VideoId, cancellationToken).ConfigureAwait(false))
                {
                    yield return new VideoChanged(video);
                }

                break;
            case ListVideos:
                yield return new VideosListed(await videos.ListAsync(cancellationToken).ConfigureAwait(false));
                break;
            case LoadVideo load:
                var file = await videos.OpenContentAsync(load.VideoId, cancellationToken).ConfigureAwait(false);
                DeviceFile saved;
                await using (file.ConfigureAwait(false))
                {
                    saved = await files.SaveAsync(file, $"year-video-{load.VideoId:N}.mp4", cancellationToken).ConfigureAwait(false);
                }

                yield return new VideoReady(new PlayableVideo(load.VideoId, saved));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a year-video effect.");
        }
    }
}
