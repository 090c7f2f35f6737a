using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>The last step's input.</summary>
public sealed record CompleteInput(YearVideoJob Job, StoredFilm Stored);

/// <summary>
/// Activity "publish": marks the video succeeded and writes <c>VideoCompletedIntegrationEvent</c>
/// to the outbox in the same transaction; the outbox relay publishes it through the event bus.
/// Repeating it (a retry after the commit) changes nothing and publishes nothing twice. When the
/// video is gone meanwhile (its owner deleted their account), the stored film is removed too.
/// </summary>
internal sealed class CompleteVideoActivity(VideoJobStore store, IObjectStorage storage, VideoMetrics metrics) : IJobActivity<CompleteInput, bool>
{
    public async Task<bool> RunAsync(CompleteInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var done = await store.SucceedAsync(input.Job.User, input.Job.VideoId, input.Stored.ObjectKey, input.Stored.Duration, input.Stored.Bytes, cancellationToken);
        if (done)
        {
            metrics.Ended(succeeded: true, input.Stored.Duration);
        }
        else if (await store.FindAsync(input.Job.User, input.Job.VideoId, cancellationToken) is not { Status: VideoJobStatus.Succeeded })
        {
            await storage.DeleteAsync(input.Stored.ObjectKey, cancellationToken);
        }

        return done;
    }
}
