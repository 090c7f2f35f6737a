using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PocTracker.Video;

/// <summary>The video app's metrics (meter <c>PocTracker.Video</c>): requests by outcome, jobs by outcome, time queued, time per stage, films' length, downloads.</summary>
internal sealed class VideoMetrics : IDisposable
{
    public const string Name = "PocTracker.Video";

    private readonly Meter meter;
    private readonly Counter<long> requests;
    private readonly Counter<long> jobs;
    private readonly Histogram<double> stageDuration;
    private readonly Histogram<double> filmDuration;
    private readonly Counter<long> downloads;
    private readonly Histogram<double> queueWait;

    public VideoMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        requests = meter.CreateCounter<long>("poctracker.video.requests", unit: "{request}", description: "Videos asked for, by outcome: created, existing (one already running), over_cap (429).");
        jobs = meter.CreateCounter<long>("poctracker.video.jobs", unit: "{job}", description: "Video jobs ended, by outcome: succeeded or failed.");
        stageDuration = meter.CreateHistogram<double>("poctracker.video.stage.duration", unit: "s", description: "Time spent in each stage of a video job (one attempt).");
        filmDuration = meter.CreateHistogram<double>("poctracker.video.film.duration", unit: "s", description: "Length of the films made.");
        downloads = meter.CreateCounter<long>("poctracker.video.downloads", unit: "{download}", description: "Video contents served or redirected to.");
        queueWait = meter.CreateHistogram<double>("poctracker.video.job.queue_wait", unit: "s", description: "Time a video job waited from its request to the start of its first stage.");
    }

    public void Requested(string outcome) => requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Ended(bool succeeded, TimeSpan? film)
    {
        jobs.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
        if (film is { } length)
        {
            filmDuration.Record(length.TotalSeconds);
        }
    }

    public void Downloaded() => downloads.Add(1);

    public void Started(TimeSpan waited) => queueWait.Record(Math.Max(0, waited.TotalSeconds));

    /// <summary>Times a stage until disposed.</summary>
    public StageTiming Stage(string stage) => new(stageDuration, stage);

    public void Dispose() => meter.Dispose();

    internal readonly struct StageTiming(Histogram<double> histogram, string stage) : IDisposable
    {
        private readonly long started = Stopwatch.GetTimestamp();

        public void Dispose() => histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
    }
}
