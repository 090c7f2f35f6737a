using NSubstitute;
using PocTracker.Contracts.Video;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.YearVideo;

namespace PocTracker.Mobile.Core.Tests.YearVideo;

public sealed class YearVideoPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static VideoDto Video(Guid id, string status, int progress = 0, string? stage = null, string? reason = null) =>
        new(id, status, progress, stage, "vertical", "pt-BR", reason, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            12, status == VideoStatuses.Succeeded ? 42.5 : null, null, null, Now, null, null);

    [Theory]
    [InlineData("pt-BR", "pt-BR")]
    [InlineData("pt-PT", "pt-BR")]
    [InlineData("en-US", "en")]
    [InlineData("de", "en")]
    public void The_film_is_told_in_the_apps_language_when_it_has_one(string app, string film) =>
        Assert.Equal(film, new YearVideoPage(app).Start().State.Culture);

    [Fact]
    public void A_request_is_followed_through_its_stages_until_it_ends()
    {
        var page = new YearVideoPage("en");
        var id = Guid.NewGuid();
        var state = page.Update(page.Start().State, new VideoCultureChosen("pt-BR")).State;

        var asked = page.Update(state, new VideoRequested());
        var taken = page.Update(asked.State, new VideoChanged(Video(id, VideoStatuses.Queued)));
        var rendering = page.Update(taken.State, new VideoChanged(Video(id, VideoStatuses.Running, 60, "rendering"))).State;
        var done = page.Update(rendering, new VideoChanged(Video(id, VideoStatuses.Succeeded, 100))).State;

        Assert.Equal([new RequestVideo("pt-BR")], asked.Effects);
        Assert.Equal([new FollowVideo(id)], taken.Effects);
        Assert.Empty(page.Update(taken.State, new VideoRequested()).Effects); // one film at a time
        Assert.Equal((60, "rendering"), (rendering.InProgress!.Progress, rendering.InProgress.Stage));
        Assert.Null(done.InProgress);
        Assert.Equal(VideoStatuses.Succeeded, Assert.Single(done.Videos).Status);
    }

    [Fact]
    public void Opening_follows_a_video_still_being_made()
    {
        var page = new YearVideoPage("en");
        var making = Guid.NewGuid();

        var listed = page.Update(page.Start().State, new VideosListed([Video(making, VideoStatuses.Running, 30), Video(Guid.NewGuid(), VideoStatuses.Failed, reason: "No POCs this year")]));

        Assert.Equal([new FollowVideo(making)], listed.Effects);
        Assert.Equal(making, listed.State.Following);
    }

    [Fact]
    public void Only_a_ready_video_plays()
    {
        var page = new YearVideoPage("en");
        var ready = Guid.NewGuid();
        var failed = Guid.NewGuid();
        var state = page.Update(page.Start().State, new VideosListed([Video(ready, VideoStatuses.Succeeded, 100), Video(failed, VideoStatuses.Failed)])).State;

        Assert.Empty(page.Update(state, new VideoPlayRequested(failed)).Effects);
        var loading = page.Update(state, new VideoPlayRequested(ready));
        Assert.Equal([new LoadVideo(ready)], loading.Effects);
        Assert.Equal(ready, loading.State.Loading);
    }

    [Fact]
    public async Task Playing_saves_the_film_on_the_phone_and_hands_its_path_to_the_player()
    {
        var id = Guid.NewGuid();
        var api = Substitute.For<IVideosApi>();
        api.ListAsync(Arg.Any<CancellationToken>()).Returns([Video(id, VideoStatuses.Succeeded, 100)]);
        api.OpenContentAsync(id, Arg.Any<CancellationToken>()).Returns(_ => new IncomingFile(null, "video/mp4", new MemoryStream([0, 0, 0, 24, 102, 116, 121, 112])));
        var directory = Directory.CreateTempSubdirectory("video-");
        try
        {
            await using var loop = new PageLoop<YearVideoState, YearVideoMessage, YearVideoEffect>(new YearVideoPage("en"), new YearVideoEffects(api, new TestFiles(directory.FullName)));
            loop.Start();
            await loop.IdleAsync();

            loop.Dispatch(new VideoPlayRequested(id));
            await loop.IdleAsync();

            var playing = loop.State.Playing;
            Assert.NotNull(playing);
            Assert.Equal($"year-video-{id:N}.mp4", playing.File.FileName);
            Assert.Equal(8, new FileInfo(playing.File.Path).Length);
            Assert.Null(loop.State.Loading);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_failed_video_is_shown_with_its_reason()
    {
        var id = Guid.NewGuid();
        var api = Substitute.For<IVideosApi>();
        api.ListAsync(Arg.Any<CancellationToken>()).Returns([]);
        api.RequestAsync("en", Arg.Any<CancellationToken>()).Returns(Video(id, VideoStatuses.Queued));
        api.FollowAsync(id, Arg.Any<CancellationToken>()).Returns(Follow(Video(id, VideoStatuses.Running, 10, "collecting"), Video(id, VideoStatuses.Failed, reason: "No POCs this year")));
        await using var loop = new PageLoop<YearVideoState, YearVideoMessage, YearVideoEffect>(new YearVideoPage("en"), new YearVideoEffects(api, new TestFiles(Path.GetTempPath())));
        loop.Start();
        await loop.IdleAsync();

        loop.Dispatch(new VideoRequested());
        await loop.IdleAsync();

        var video = Assert.Single(loop.State.Videos);
        Assert.Equal((VideoStatuses.Failed, "No POCs this year"), (video.Status, video.Reason));
        Assert.Null(loop.State.Following);
    }

    private static async IAsyncEnumerable<VideoDto> Follow(params VideoDto[] videos)
    {
        foreach (var video in videos)
        {
            await Task.Yield();
            yield return video;
        }
    }
}
