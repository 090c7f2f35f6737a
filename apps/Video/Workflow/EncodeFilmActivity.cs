using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;

namespace PocTracker.Video.Workflow;

/// <summary>The encode step's input.</summary>
public sealed record EncodeInput(YearVideoJob Job, RenderedFilm Rendered, FilmScript Script);

/// <summary>Activity "encode": the narration and the video into the MP4, kept for the store step.</summary>
internal sealed class EncodeFilmActivity(IYearFilmMaker film, VideoJobStore store, VideoMetrics metrics) : IJobActivity<EncodeInput, EncodedFilm>
{
    public async Task<EncodedFilm> RunAsync(EncodeInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        using var timing = metrics.Stage(VideoStage.Encoding);
        await store.EnterStageAsync(input.Job.User, input.Job.VideoId, VideoStage.Encoding, 80, cancellationToken);
        var video = await context.Workspace.FetchAsync(input.Rendered.VideoPath, cancellationToken)
            ?? throw new FileNotFoundException("The rendered video is gone from the job's workspace.", input.Rendered.VideoPath);
        var narration = input.Rendered.NarrationPath is { } name
            ? await context.Workspace.FetchAsync(name, cancellationToken) ?? throw new FileNotFoundException("The narration is gone from the job's workspace.", name)
            : null;

        EncodedFilm encoded;
        await using (var progress = new StageProgress(store, input.Job, 80, 95))
        {
            encoded = await film.EncodeAsync(input.Rendered with { VideoPath = video, NarrationPath = narration }, input.Script,
                context.Workspace.Directory, progress, cancellationToken);
        }

        await context.Workspace.KeepAsync(encoded.Path, cancellationToken);
        return encoded with { Path = Path.GetFileName(encoded.Path) };
    }
}
