using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>
/// A step's own progress (0–100) mapped onto its slice of the job's (e.g. rendering is 10–80) and
/// written to the job at most twice a second, by a loop of its own: the film maker reports from its
/// hot loop and must never wait on the database.
/// </summary>
internal sealed class StageProgress : IProgress<int>, IAsyncDisposable
{
    private readonly VideoJobStore store;
    private readonly YearVideoJob job;
    private readonly int from;
    private readonly int to;
    private readonly CancellationTokenSource stop = new();
    private readonly Task writer;
    private int latest;
    private int written;

    public StageProgress(VideoJobStore store, YearVideoJob job, int from, int to)
    {
        this.store = store;
        this.job = job;
        this.from = from;
        this.to = to;
        latest = written = from;
        writer = WriteAsync();
    }

    public void Report(int value) => Interlocked.Exchange(ref latest, from + ((to - from) * Math.Clamp(value, 0, 100) / 100));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await writer;
        stop.Dispose();
    }

    private async Task WriteAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the step ended
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var value = Volatile.Read(ref latest);
        if (value > written)
        {
            await store.ReportProgressAsync(job.User, job.VideoId, value, cancellationToken);
            written = value;
        }
    }
}
