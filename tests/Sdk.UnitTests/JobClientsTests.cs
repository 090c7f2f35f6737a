using System.Net;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Video;
using PocTracker.Sdk.Reports;
using PocTracker.Sdk.Videos;

namespace PocTracker.Sdk.UnitTests;

/// <summary>Reports and videos: what they send, and waiting for a job by long polling.</summary>
public sealed class JobClientsTests
{
    private static readonly Guid JobId = Guid.Parse("0196f1e2-0000-7000-8000-000000000001");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiting_for_a_report_job_long_polls_until_it_ends()
    {
        var statuses = new Queue<string>(["queued", "running", "running", "succeeded"]);
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Job(statuses.Dequeue()), "application/json"));

        var job = await new ReportsClient(server.Client()).WaitForJobAsync(JobId, TimeSpan.FromMinutes(2), Cancel);

        Assert.Equal("succeeded", job.Status);
        Assert.Equal(new Uri("http://pocs.test/api/reports/downloads?token=abc"), job.DownloadUrl);
        // Asked once as it is, then as long as the server allows each time, and not again once it ended.
        Assert.Equal(
            [$"/api/reports/jobs/{JobId}", $"/api/reports/jobs/{JobId}?wait=30", $"/api/reports/jobs/{JobId}?wait=30", $"/api/reports/jobs/{JobId}?wait=30"],
            server.Requests.Select(r => r.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task A_job_that_has_not_ended_by_the_deadline_is_a_timeout_naming_its_last_status()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Job("running"), "application/json"));

        var late = await Assert.ThrowsAsync<TimeoutException>(() => new ReportsClient(server.Client()).WaitForJobAsync(JobId, TimeSpan.Zero, Cancel));

        Assert.Contains("running", late.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_report_is_asked_for_with_the_searchs_filters_its_format_and_language()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.Accepted, Job("queued"), "application/json"));
        var reports = new ReportsClient(server.Client());

        var job = await reports.StartAsync(ReportsClient.Pdf, new PocSearchFilters { Tags = "c#", CreatedFrom = "2026-01-01" }, "pt-BR", Cancel);

        Assert.Equal(JobId, job.Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/reports/pocs.pdf?tags=c%23&createdFrom=2026-01-01&async=true", request.RequestUri!.PathAndQuery);
        Assert.Equal("pt-BR", request.Headers.AcceptLanguage.Single().Value);
        await Assert.ThrowsAsync<ArgumentException>(() => reports.DownloadAsync("xlsx", new PocSearchFilters(), cancellationToken: Cancel));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reports.DownloadAsync(job, Cancel));
    }

    [Fact]
    public async Task A_video_is_asked_for_in_its_format_and_language_and_waited_for_until_it_fails_or_succeeds()
    {
        var statuses = new Queue<string>(["queued", "failed"]);
        var server = new ScriptedServer(request => ScriptedServer.Answer(
            request.Method == HttpMethod.Post ? HttpStatusCode.Accepted : HttpStatusCode.OK, Video(statuses.Dequeue()), "application/json"));
        var videos = new VideosClient(server.Client());

        var requested = await videos.RequestAsync(new StartVideoRequest("vertical"), "en", Cancel);
        var ended = await videos.WaitAsync(requested.Id, TimeSpan.FromMinutes(1), Cancel);

        Assert.Equal(("queued", "failed"), (requested.Status, ended.Status));
        Assert.Equal("""{"format":"vertical"}""", server.Bodies[0]);
        Assert.Equal("en", server.Requests[0].Headers.AcceptLanguage.Single().Value);
        Assert.Equal($"/api/videos/{JobId}", server.Requests[1].RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Following_a_video_yields_every_status_with_a_short_wait_until_it_ends()
    {
        var statuses = new Queue<string>(["queued", "running", "succeeded"]);
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Video(statuses.Dequeue()), "application/json"));

        var seen = new List<string>();
        await foreach (var video in new VideosClient(server.Client()).FollowAsync(JobId, refreshSeconds: 3, Cancel))
        {
            seen.Add(video.Status);
        }

        Assert.Equal(["queued", "running", "succeeded"], seen);
        Assert.Equal(
            [$"/api/videos/{JobId}", $"/api/videos/{JobId}?wait=3", $"/api/videos/{JobId}?wait=3"],
            server.Requests.Select(r => r.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task Following_a_report_job_ends_with_its_ended_status_and_the_jobs_are_listed()
    {
        var statuses = new Queue<string>(["running", "failed"]);
        var server = new ScriptedServer(request => request.RequestUri!.AbsolutePath.EndsWith("/jobs", StringComparison.Ordinal)
            ? ScriptedServer.Answer(HttpStatusCode.OK, $"[{Job("succeeded")}]", "application/json")
            : ScriptedServer.Answer(HttpStatusCode.OK, Job(statuses.Dequeue()), "application/json"));
        var reports = new ReportsClient(server.Client());

        var last = await reports.FollowJobAsync(JobId, cancellationToken: Cancel).LastAsync(Cancel);
        var jobs = await reports.ListJobsAsync(Cancel);

        Assert.Equal("failed", last.Status);
        Assert.Equal($"/api/reports/jobs/{JobId}?wait=30", server.Requests[1].RequestUri!.PathAndQuery);
        Assert.Equal("succeeded", Assert.Single(jobs).Status);
    }

    [Fact]
    public async Task A_refusal_with_retry_after_carries_how_long_to_wait()
    {
        var server = new ScriptedServer(_ =>
        {
            var answer = ScriptedServer.Answer(
                HttpStatusCode.TooManyRequests, """{"type":"https://poctracker.dev/problems/too-many-requests","code":"too-many-requests","status":429}""", "application/problem+json");
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(60));
            return answer;
        });

        var refused = await Assert.ThrowsAsync<Problems.PocTrackerProblemException>(() => new VideosClient(server.Client()).RequestAsync(cancellationToken: Cancel));

        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests"), (refused.Status, refused.Code));
        Assert.Equal(TimeSpan.FromSeconds(60), refused.RetryAfter);
    }

    private static string Job(string status) => $$"""
        {"id":"{{JobId}}","status":"{{status}}","format":"pdf","rows":{{(status == "succeeded" ? "2" : "null")}},"failure":null,
         "downloadUrl":{{(status == "succeeded" ? "\"http://pocs.test/api/reports/downloads?token=abc\"" : "null")}},
         "createdAt":"2026-12-04T10:00:00+00:00","finishedAt":null,"expiresAt":"2026-12-05T10:00:00+00:00"}
        """;

    private static string Video(string status) => $$"""
        {"id":"{{JobId}}","status":"{{status}}","progress":0,"stage":null,"format":"vertical","culture":"en","reason":null,
         "periodStart":"2025-12-05","periodEnd":"2026-12-04","pocs":null,"durationSeconds":null,"bytes":null,"contentUrl":null,
         "createdAt":"2026-12-04T10:00:00+00:00","startedAt":null,"finishedAt":null}
        """;
}
