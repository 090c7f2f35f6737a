using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Collect;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;

namespace PocTracker.Video.Workflow;

/// <summary>The render step's input.</summary>
public sealed record RenderInput(YearVideoJob Job, CollectedPocs Collected, FilmScript Script);

/// <summary>
/// Activity "render": every frame, piped to ffmpeg, into the workspace. The files it leaves are
/// kept for the encode step and named in its output by file name only (the next step may run in
/// another folder, or on another replica).
/// </summary>
internal sealed class RenderFilmActivity(IYearFilmMaker film, VideoJobStore store, VideoMetrics metrics) : IJobActivity<RenderInput, RenderedFilm>
{
    public async Task<RenderedFilm> RunAsync(RenderInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        using var timing = metrics.Stage(VideoStage.Rendering);
        await store.EnterStageAsync(input.Job.User, input.Job.VideoId, VideoStage.Rendering, 10, cancellationToken);
        var story = await CollectPocsActivity.ReadStoryAsync(context, input.Collected, cancellationToken);
        RenderedFilm rendered;
        await using (var progress = new StageProgress(store, input.Job, 10, 80))
        {
            rendered = await film.RenderAsync(story, input.Script, context.Workspace.Directory, progress, cancellationToken);
        }

        await context.Workspace.KeepAsync(rendered.VideoPath, cancellationToken);
        if (rendered.NarrationPath is { } narration)
        {
            await context.Workspace.KeepAsync(narration, cancellationToken);
        }

        return rendered with { VideoPath = Path.GetFileName(rendered.VideoPath), NarrationPath = rendered.NarrationPath is null ? null : Path.GetFileName(rendered.NarrationPath) };
    }
}
