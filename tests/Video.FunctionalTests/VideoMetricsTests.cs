using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.TestSupport;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Video.FunctionalTests;

/// <summary>The video app's queue-wait instrument (VideoMetrics), which the video queue-age alert reads, measured on a real job.</summary>
public sealed class VideoMetricsTests(VideoFixture video) : IClassFixture<VideoFixture>
{
    [Fact]
    public async Task A_job_records_its_wait_in_the_queue_once_and_its_end()
    {
        var meters = video.Host.Services.GetRequiredService<IMeterFactory>();
        using var queueWait = new InstrumentRecorder(meters, VideoMetrics.Name, "poctracker.video.job.queue_wait");
        using var jobs = new InstrumentRecorder(meters, VideoMetrics.Name, "poctracker.video.jobs");
        var owner = TestUser.NewTenantOwner();
        using var client = video.Host.CreateClient();
        // A token without the pocs audience: the job starts, then fails at its first stage, which is all this needs.
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(owner, audience: VideoModule.AppId));

        using var accepted = await client.PostAsync("/api/videos", content: null, TestContext.Current.CancellationToken);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        await video.WaitForAsync(owner, id, v => v.GetProperty("status").GetString() is "succeeded" or "failed");

        await jobs.WaitForAsync(m => m.Count > 0, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("failed", Assert.Single(jobs.Measurements).Tag("outcome"));
        var waited = Assert.Single(queueWait.Measurements); // the first stage's retries do not count again
        Assert.InRange(waited.Value, 0, 30);
    }
}
