using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>The store step's input.</summary>
public sealed record StoreInput(YearVideoJob Job, EncodedFilm Encoded);

/// <summary>Where the film was stored.</summary>
public sealed record StoredFilm(string ObjectKey, TimeSpan Duration, long Bytes);

/// <summary>Activity "store": the MP4 into object storage, under the tenant's prefix.</summary>
internal sealed class StoreFilmActivity(IObjectStorage storage, VideoJobStore store, VideoMetrics metrics) : IJobActivity<StoreInput, StoredFilm>
{
    public const string ContentType = "video/mp4";

    public static string KeyOf(YearVideoJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"{job.TenantId:N}/videos/{job.VideoId:N}/year-video.mp4";
    }

    public async Task<StoredFilm> RunAsync(StoreInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        using var timing = metrics.Stage(VideoStage.Storing);
        await store.EnterStageAsync(input.Job.User, input.Job.VideoId, VideoStage.Storing, 95, cancellationToken);
        var path = await context.Workspace.FetchAsync(input.Encoded.Path, cancellationToken)
            ?? throw new FileNotFoundException("The encoded film is gone from the job's workspace.", input.Encoded.Path);
        var key = KeyOf(input.Job);
        long bytes;
        await using (var file = File.OpenRead(path))
        {
            bytes = file.Length;
            await storage.PutAsync(key, file, ContentType, cancellationToken);
        }

        return new StoredFilm(key, input.Encoded.Duration, bytes);
    }
}
