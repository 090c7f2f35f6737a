using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Video;
using PocTracker.Sdk.Videos;
using PocTracker.Web.Shell;
using PocTracker.Web.Videos;

namespace PocTracker.Web.Tests;

/// <summary>
/// The year video page over the SDK's real VideosClient, answered with the video app's JSON: progress with its stage,
/// failures with their reason, the film played from a blob: URL, and a 429 with its Retry-After explained.
/// </summary>
public sealed class VideoPageTests : WebTestContext
{
    private static readonly Guid First = Guid.Parse("0196f1e2-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0196f1e2-0000-7000-8000-0000000000a2");
    /// <summary>bUnit's one second is short on a machine shared with builds; an answer comes at once, so this bounds a failure only.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly ScriptedApi api = new();

    public VideoPageTests()
    {
        Services.AddSingleton(new VideosClient(api.Client()));
        Services.AddSingleton<BrowserFiles>();
        JSInterop.Setup<string>("pocTracker.files.objectUrl", _ => true).SetResult("blob:http://app.test/film");
    }

    [Fact]
    public void A_video_in_the_making_shows_its_stage_and_progress_in_a_polite_live_region()
    {
        var progress = Render<VideoProgress>(p => p.Add(c => c.Video, Dto(First, "running", progress: 42, stage: "rendering")));

        var stage = progress.Find(".video-stage");
        Assert.Equal("Drawing the scenes · 42%", stage.TextContent);
        Assert.Equal("polite", stage.GetAttribute("aria-live"));
        Assert.Equal("42", progress.Find("progress").GetAttribute("value"));
        Assert.Empty(progress.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_failed_video_is_an_alert_with_the_servers_reason()
    {
        var progress = Render<VideoProgress>(p => p.Add(c => c.Video, Dto(First, "failed", reason: "Your access expired before your POCs could be read.")));

        var alert = progress.Find("[role=alert]");
        Assert.Equal("The video could not be made", alert.QuerySelector(".problem-title")!.TextContent);
        Assert.Equal("Your access expired before your POCs could be read.", alert.QuerySelector(".problem-detail")!.TextContent);
        Assert.Empty(progress.FindAll("progress"));
    }

    [Fact]
    public async Task The_history_shows_each_video_and_the_newest_film_plays_from_a_blob_url_given_back_on_leaving()
    {
        api.Json("/api/videos", $"[{Json(Dto(Second, "failed", reason: "The film could not be encoded."))},{Json(Dto(First, "succeeded", progress: 100))}]");
        api.Answer($"/api/videos/{First}/content", () => ScriptedApi.File([0, 0, 0, 24, 102, 116, 121, 112], "video/mp4", null));

        var page = Render<VideoPage>();

        page.WaitForAssertion(() => Assert.Equal("blob:http://app.test/film", page.Find("video.year-video").GetAttribute("src")), Wait);
        Assert.NotNull(page.Find("video.year-video").GetAttribute("controls"));
        var rows = page.FindAll(".job-list .job");
        Assert.Equal(["Failed", "Ready"], rows.Select(r => r.QuerySelector(".badge")!.TextContent));
        Assert.Equal("The film could not be encoded.", rows[0].QuerySelector(".failure")!.TextContent);
        Assert.Contains("0:35", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("3.2 MB", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Landscape", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains($"GET /api/videos/{First}/content", api.Asked);

        await DisposeComponentsAsync();
        Assert.Equal("blob:http://app.test/film", JSInterop.VerifyInvoke("pocTracker.files.revoke").Arguments[0]);
    }

    [Fact]
    public void Asking_for_a_video_follows_it_to_the_end_and_plays_it()
    {
        api.Json("GET /api/videos", "[]", $"[{Json(Dto(First, "succeeded", progress: 100))}]");
        api.Json($"/api/videos/{First}", Json(Dto(First, "running", progress: 40, stage: "rendering")), Json(Dto(First, "succeeded", progress: 100)));
        api.Answer($"/api/videos/{First}/content", () => ScriptedApi.File([0, 0, 0, 24], "video/mp4", null));
        var page = Render<VideoPage>();
        page.WaitForAssertion(() => Assert.Equal("Your videos show up here.", page.Find(".muted").TextContent), Wait);

        page.Find("input[name=video-format]:not([checked])").Change(true);
        api.Answer("POST /api/videos", () => ScriptedApi.Reply(HttpStatusCode.Accepted, Json(Dto(First, "queued")), "application/json"));
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("blob:http://app.test/film", page.Find("video.year-video").GetAttribute("src")), Wait);
        Assert.Contains("POST /api/videos", api.Asked);
        Assert.Contains($"GET /api/videos/{First}?wait=3", api.Asked);
        Assert.Empty(page.FindAll(".video-progress")); // the player took its place
    }

    [Fact]
    public void Too_many_videos_in_the_making_explains_the_servers_retry_after()
    {
        api.Json("GET /api/videos", "[]");
        var page = Render<VideoPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".muted")), Wait);

        api.Answer("POST /api/videos", () => ScriptedApi.Problem(
            HttpStatusCode.TooManyRequests,
            """{"type":"https://poctracker.dev/problems/too-many-requests","title":"Too many requests.","status":429,"code":"too-many-requests","detail":"Your organisation already has 2 videos in the making."}""",
            TimeSpan.FromSeconds(60)));
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Too many requests.", page.Find(".problem-title").TextContent), Wait);
        Assert.Equal("Your organisation already has 2 videos in the making.", page.Find(".problem-detail").TextContent);
        Assert.Equal("Your organisation already has the most videos in the making at once. Try again in 60 seconds.", page.Find("p.hint[role=status]").TextContent);
        Assert.Empty(page.FindAll("video"));
    }

    private static VideoDto Dto(Guid id, string status, int progress = 0, string? stage = null, string? reason = null) => new(
        id, status, progress, stage, "landscape", "en", reason, new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30),
        status == "succeeded" ? 7 : null, status == "succeeded" ? 34.6 : null, status == "succeeded" ? 3_240_000 : null,
        status == "succeeded" ? $"/api/videos/{id}/content" : null, new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero), null, null);

    private static string Json(VideoDto video) => System.Text.Json.JsonSerializer.Serialize(video, WebJsonOptions);

    private static readonly System.Text.Json.JsonSerializerOptions WebJsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
