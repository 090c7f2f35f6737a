using FFMpegCore;
using PocTracker.Video.Script;

namespace PocTracker.Video.UnitTests;

/// <summary>A real film through real ffmpeg and espeak-ng, checked with ffprobe and by looking at its frames.</summary>
public sealed class FilmTests(LandscapeFilm made) : IClassFixture<LandscapeFilm>
{
    [Fact]
    public async Task The_film_is_a_narrated_720p_30fps_h264_aac_mp4_of_twenty_to_sixty_seconds()
    {
        var probe = await FFProbe.AnalyseAsync(made.Film.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("h264", probe.PrimaryVideoStream!.CodecName);
        Assert.Equal(1280, probe.PrimaryVideoStream.Width);
        Assert.Equal(720, probe.PrimaryVideoStream.Height);
        Assert.Equal(30, probe.PrimaryVideoStream.AverageFrameRate, 0.01);
        Assert.Equal("yuv420p", probe.PrimaryVideoStream.PixelFormat);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
        Assert.InRange(probe.Duration.TotalSeconds, 20, 60.5);
        Assert.Equal(made.Rendered.Duration.TotalSeconds, probe.Duration.TotalSeconds, 0.2);
        Assert.True(made.Film.HasNarration);
        Assert.Equal(new FileInfo(made.Film.Path).Length, made.Film.Bytes);
    }

    [Fact]
    public async Task The_film_starts_with_its_index_so_it_plays_while_downloading()
    {
        var head = new byte[64 * 1024];
        await using (var file = File.OpenRead(made.Film.Path))
        {
            _ = await file.ReadAsync(head, TestContext.Current.CancellationToken);
        }

        var text = System.Text.Encoding.Latin1.GetString(head);
        var moov = text.IndexOf("moov", StringComparison.Ordinal);
        Assert.InRange(moov, 0, text.IndexOf("mdat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_title_frame_shows_something_and_a_card_frame_differs_from_it()
    {
        var title = made.Rendered.Scenes[0];
        var card = made.Rendered.Scenes.First(scene => scene.Kind == SceneKinds.Poc);

        var titleFrame = await FilmMakers.GreyFrameAsync(made.Film.Path, title.Start + (title.Duration / 2), 1280, 720);
        var cardFrame = await FilmMakers.GreyFrameAsync(made.Film.Path, card.Start + (card.Duration / 2), 1280, 720);
        var first = await FilmMakers.GreyFrameAsync(made.Film.Path, TimeSpan.Zero, 1280, 720);

        Assert.True(FilmMakers.Variance(titleFrame) > 50, $"title variance {FilmMakers.Variance(titleFrame)}");
        Assert.True(FilmMakers.MeanDifference(titleFrame, cardFrame) > 3, $"difference {FilmMakers.MeanDifference(titleFrame, cardFrame)}");
        // The film fades in: its first frame is the bare background, plainer than the title.
        Assert.True(FilmMakers.Variance(first) < FilmMakers.Variance(titleFrame));
    }

    [Fact]
    public void Scenes_follow_the_script_and_fill_the_film()
    {
        Assert.Equal(made.Script.Scenes.Select(scene => scene.Kind), made.Rendered.Scenes.Select(scene => scene.Kind));
        Assert.Equal(TimeSpan.Zero, made.Rendered.Scenes[0].Start);
        for (var i = 1; i < made.Rendered.Scenes.Count; i++)
        {
            var previousEnd = made.Rendered.Scenes[i - 1].Start + made.Rendered.Scenes[i - 1].Duration;
            Assert.Equal(previousEnd.TotalMilliseconds, made.Rendered.Scenes[i].Start.TotalMilliseconds, 1);
        }

        var last = made.Rendered.Scenes[^1];
        Assert.Equal(made.Rendered.Duration.TotalMilliseconds, (last.Start + last.Duration).TotalMilliseconds, 1);
    }

    [Fact]
    public void Progress_climbs_to_100_and_only_the_films_files_are_left()
    {
        Assert.Equal(made.RenderProgress.Order(), made.RenderProgress);
        Assert.Equal(100, made.RenderProgress[^1]);
        Assert.Equal(made.EncodeProgress.Order(), made.EncodeProgress);
        Assert.Equal(100, made.EncodeProgress[^1]);
        // The MP4 and the render's two outputs (kept for a replayed encode); no narration scratch folder.
        Assert.Equal(
            new[] { made.Film.Path, made.Rendered.VideoPath, made.Rendered.NarrationPath! }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(made.Work).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_encode_replayed_by_the_workflow_makes_the_same_film_again()
    {
        var again = await made.Maker.EncodeAsync(made.Rendered, made.Script, made.Work, new Progress<int>(), TestContext.Current.CancellationToken);

        Assert.Equal(made.Film.Path, again.Path);
        Assert.Equal(made.Film.Duration, again.Duration);
        Assert.True(again.HasNarration);
        var probe = await FFProbe.AnalyseAsync(again.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(made.Rendered.Duration.TotalSeconds, probe.Duration.TotalSeconds, 0.2);
    }
}
