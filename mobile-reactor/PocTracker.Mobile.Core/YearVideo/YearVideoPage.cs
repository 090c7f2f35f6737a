using PocTracker.Contracts.Video;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.YearVideo;

/// <summary>
/// The year-video page: the culture the film is asked in, the videos (newest first, the followed one updated as it
/// progresses: <see cref="VideoDto.Status"/>, <see cref="VideoDto.Progress"/>, <see cref="VideoDto.Stage"/>, and a
/// failed one's <see cref="VideoDto.Reason"/>), and the video saved on the phone for the media element.
/// </summary>
public sealed record YearVideoState(
    string Culture,
    IReadOnlyList<VideoDto> Videos,
    Guid? Following,
    bool Requesting,
    Guid? Loading,
    PlayableVideo? Playing,
    Failure? Problem)
{
    /// <summary>The video being made, if any.</summary>
    public VideoDto? InProgress => Videos.FirstOrDefault(v => v.Id == Following);
}

/// <summary>A ready video saved into the phone's cache: the media element plays <see cref="File"/>'s path.</summary>
public sealed record PlayableVideo(Guid VideoId, DeviceFile File);

/// <summary>The statuses of <see cref="VideoDto.Status"/>.</summary>
public static class VideoStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static bool HasEnded(string status) => status is Succeeded or Failed;
}

public abstract record YearVideoMessage;

/// <summary>The person picked the film's language (<c>pt-BR</c>/<c>en</c>).</summary>
public sealed record VideoCultureChosen(string Culture) : YearVideoMessage;

public sealed record VideoRequested : YearVideoMessage;

/// <summary>The server took the request, or told the followed video's next state.</summary>
public sealed record VideoChanged(VideoDto Video) : YearVideoMessage;

public sealed record VideosListed(IReadOnlyList<VideoDto> Videos) : YearVideoMessage;

public sealed record VideoPlayRequested(Guid VideoId) : YearVideoMessage;

public sealed record VideoReady(PlayableVideo Video) : YearVideoMessage;

/// <summary>The player closed.</summary>
public sealed record VideoPlayerClosed : YearVideoMessage;

public sealed record YearVideoFailed(YearVideoEffect Effect, Failure Failure) : YearVideoMessage;

public abstract record YearVideoEffect;

public sealed record RequestVideo(string Culture) : YearVideoEffect;

public sealed record FollowVideo(Guid VideoId) : YearVideoEffect;

public sealed record ListVideos : YearVideoEffect;

/// <summary>Download the MP4 into the cache (OpenContentAsync) for the player.</summary>
public sealed record LoadVideo(Guid VideoId) : YearVideoEffect;

/// <summary>
/// The year-video page's update. On opening it lists the videos and follows one still being made (the person may have
/// left the page while it rendered); a request is followed until it ends.
/// </summary>
/// <param name="culture">The app's language, the film's language unless the person picks the other.</param>
public sealed class YearVideoPage(string culture) : IPage<YearVideoState, YearVideoMessage, YearVideoEffect>
{
    public Transition<YearVideoState, YearVideoEffect> Start() =>
        Transition.To<YearVideoState, YearVideoEffect>(new YearVideoState(VideoCultures.Of(culture), [], null, false, null, null, null), new ListVideos());

    public Transition<YearVideoState, YearVideoEffect> Update(YearVideoState state, YearVideoMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        return message switch
        {
            VideoCultureChosen chosen => Transition.To<YearVideoState, YearVideoEffect>(state with { Culture = VideoCultures.Of(chosen.Culture) }),
            VideoRequested when state.Requesting || state.InProgress is not null => Transition.To<YearVideoState, YearVideoEffect>(state),
            VideoRequested => Transition.To<YearVideoState, YearVideoEffect>(state with { Requesting = true, Problem = null }, new RequestVideo(state.Culture)),
            VideoChanged changed => Changed(state, changed.Video),
            VideosListed listed => Listed(state, listed.Videos),
            VideoPlayRequested play when state.Loading is null && state.Videos.Any(v => v.Id == play.VideoId && v.Status == VideoStatuses.Succeeded) =>
                Transition.To<YearVideoState, YearVideoEffect>(state with { Loading = play.VideoId, Problem = null }, new LoadVideo(play.VideoId)),
            VideoPlayRequested => Transition.To<YearVideoState, YearVideoEffect>(state),
            VideoReady ready => Transition.To<YearVideoState, YearVideoEffect>(state with { Loading = null, Playing = ready.Video }),
            VideoPlayerClosed => Transition.To<YearVideoState, YearVideoEffect>(state with { Playing = null }),
            YearVideoFailed failed => Transition.To<YearVideoState, YearVideoEffect>(state with
            {
                Problem = failed.Failure,
                Requesting = failed.Effect is RequestVideo ? false : state.Requesting,
                Loading = failed.Effect is LoadVideo ? null : state.Loading,
                Following = failed.Effect is FollowVideo ? null : state.Following,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a year-video message."),
        };
    }

    public YearVideoMessage Failed(YearVideoEffect effect, Failure failure) => new YearVideoFailed(effect, failure);

    private static Transition<YearVideoState, YearVideoEffect> Changed(YearVideoState state, VideoDto video)
    {
        var videos = state.Videos.Any(v => v.Id == video.Id)
            ? [.. state.Videos.Select(v => v.Id == video.Id ? video : v)]
            : (IReadOnlyList<VideoDto>)[video, .. state.Videos];
        if (state.Requesting)
        {
            var taken = state with { Requesting = false, Videos = videos };
            return VideoStatuses.HasEnded(video.Status)
                ? Transition.To<YearVideoState, YearVideoEffect>(taken)
                : Transition.To<YearVideoState, YearVideoEffect>(taken with { Following = video.Id }, new FollowVideo(video.Id));
        }

        var following = state.Following == video.Id && VideoStatuses.HasEnded(video.Status) ? null : state.Following;
        return Transition.To<YearVideoState, YearVideoEffect>(state with { Videos = videos, Following = following });
    }

    private static Transition<YearVideoState, YearVideoEffect> Listed(YearVideoState state, IReadOnlyList<VideoDto> videos)
    {
        var listed = state with { Videos = videos };
        if (state.Following is not null || videos.FirstOrDefault(v => !VideoStatuses.HasEnded(v.Status)) is not { } unfinished)
        {
            return Transition.To<YearVideoState, YearVideoEffect>(listed);
        }

        return Transition.To<YearVideoState, YearVideoEffect>(listed with { Following = unfinished.Id }, new FollowVideo(unfinished.Id));
    }
}

/// <summary>The languages a film is told in.</summary>
public static class VideoCultures
{
    public const string Portuguese = "pt-BR";
    public const string English = "en";

    /// <summary><c>pt-BR</c> for any Portuguese culture, <c>en</c> otherwise.</summary>
    public static string Of(string? culture) =>
        culture is not null && culture.StartsWith("pt", StringComparison.OrdinalIgnoreCase) ? Portuguese : English;
}
