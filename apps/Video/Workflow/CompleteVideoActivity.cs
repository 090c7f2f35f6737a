using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>The last step's input.</summary>
public sealed record CompleteInput(YearVideoJob Job, StoredFilm Stored);

/// <summary>
/// Activity "publish": marks the video succeeded and writes <c>VideoCompletedIntegrationEvent</c>
/// to the outbox in the same transaction; the outbox relay publishes it through the event bus.
/// Repeating it (a retry after the commit) changes nothing and publishes nothing twice.
/// </summary>
internal sealed class CompleteVideoActivity(VideoJobStore store, VideoMetrics metrics) : IJobActivity<CompleteInput, bool>
{
    public async Task<bool> RunAsync(CompleteInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var done = await store.SucceedAsync(input.Job.User, input.Job.VideoId, input.Stored.ObjectKey, input.Stored.Duration, input.Stored.Bytes, cancellationToken);
        if (done)
        {
            metrics.Ended(succeeded: true, input.Stored.Duration);
        }

        return done;
    }
}
