using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>The failure step's input.</summary>
public sealed record FailInput(YearVideoJob Job, string Reason);

/// <summary>Activity "fail": the video failed, with the reason its owner reads.</summary>
internal sealed class FailVideoActivity(VideoJobStore store, VideoMetrics metrics) : IJobActivity<FailInput, bool>
{
    public async Task<bool> RunAsync(FailInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var failed = await store.FailAsync(input.Job.User, input.Job.VideoId, input.Reason, cancellationToken);
        if (failed)
        {
            metrics.Ended(succeeded: false, null);
        }

        return failed;
    }
}
