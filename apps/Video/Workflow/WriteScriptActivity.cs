using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Collect;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;

namespace PocTracker.Video.Workflow;

/// <summary>The script step's input.</summary>
public sealed record ScriptInput(YearVideoJob Job, CollectedPocs Collected);

/// <summary>Activity "write the script": the narration and captions, from the story (AI when configured, else the template).</summary>
internal sealed class WriteScriptActivity(IYearFilmMaker film, VideoJobStore store, VideoMetrics metrics) : IJobActivity<ScriptInput, FilmScript>
{
    public async Task<FilmScript> RunAsync(ScriptInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var timing = metrics.Stage(VideoStage.Writing);
        await store.EnterStageAsync(input.Job.User, input.Job.VideoId, VideoStage.Writing, 5, cancellationToken);
        var story = await CollectPocsActivity.ReadStoryAsync(context, input.Collected, cancellationToken);
        return await film.WriteScriptAsync(story, cancellationToken);
    }
}
