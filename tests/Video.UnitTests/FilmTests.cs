using FFMpegCore;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Video.Film;
using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

/// <summary>Real films through real ffmpeg and espeak-ng, checked with ffprobe and by looking at frames.</summary>
public sealed class FilmTests : IDisposable
{
    private readonly ServiceProvider _services = FilmMakers.Services();
    private readonly string _work = FilmMakers.WorkDirectory();

    private IYearFilmMaker Maker => _services.GetRequiredService<IYearFilmMaker>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_year_of_ten_pocs_is_a_narrated_720p_h264_aac_film_of_twenty_to_sixty_seconds()
    {
        var request = SampleYears.Request(10);
        var progress = new List<int>();
        var film = await MakeAsync(request, progress);

        var probe = await FFProbe.AnalyseAsync(film.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("h264", probe.PrimaryVideoStream!.CodecName);
        Assert.Equal(1280, probe.PrimaryVideoStream.Width);
        Assert.Equal(720, probe.PrimaryVideoStream.Height);
        Assert.Equal(30, probe.PrimaryVideoStream.AverageFrameRate, 0.01);
        Assert.Equal("yuv420p", probe.PrimaryVideoStream.PixelFormat);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
        Assert.InRange(probe.Duration.TotalSeconds, 20, 60.5);
        Assert.True(film.HasNarration);
        Assert.Equal(new FileInfo(film.Path).Length, film.Bytes);
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Order(), progress);

        // faststart: the index (moov) comes before the media data (mdat).
        var head = new byte[64 * 1024];
        await using (var file = File.OpenRead(film.Path))
        {
            _ = await file.ReadAsync(head, TestContext.Current.CancellationToken);
        }

        var text = System.Text.Encoding.Latin1.GetString(head);
        Assert.True(text.IndexOf("moov", StringComparison.Ordinal) is >= 0 and var moov && moov < text.IndexOf("mdat", StringComparison.Ordinal));

        // Only the MP4 is left in the work directory.
        Assert.Equal([film.Path], Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public async Task The_title_frame_shows_something_and_a_card_frame_differs_from_it()
    {
        var request = SampleYears.Request(3);
        var script = await Maker.WriteScriptAsync(request, TestContext.Current.CancellationToken);
        var rendered = await Maker.RenderAsync(request, script, _work, new Progress<int>(), TestContext.Current.CancellationToken);
        var film = await Maker.EncodeAsync(rendered, script, _work, new Progress<int>(), TestContext.Current.CancellationToken);

        var title = rendered.Scenes[0];
        var card = rendered.Scenes.First(scene => scene.Kind == SceneKinds.Poc);
        var titleFrame = await FilmMakers.GreyFrameAsync(film.Path, title.Start + (title.Duration / 2), 1280, 720);
        var cardFrame = await FilmMakers.GreyFrameAsync(film.Path, card.Start + (card.Duration / 2), 1280, 720);
        var black = await FilmMakers.GreyFrameAsync(film.Path, TimeSpan.Zero, 1280, 720);

        Assert.True(FilmMakers.Variance(titleFrame) > 50, $"title variance {FilmMakers.Variance(titleFrame)}");
        Assert.True(FilmMakers.MeanDifference(titleFrame, cardFrame) > 3, $"difference {FilmMakers.MeanDifference(titleFrame, cardFrame)}");
        // The film fades in: its first frame is the bare background, darker and plainer than the title.
        Assert.True(FilmMakers.Variance(black) < FilmMakers.Variance(titleFrame));
    }

    [Fact]
    public async Task The_vertical_film_is_1080_by_1920()
    {
        var request = SampleYears.Request(2, "pt-BR", FilmFormat.Vertical);
        var film = await MakeAsync(request, []);

        var probe = await FFProbe.AnalyseAsync(film.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1080, probe.PrimaryVideoStream!.Width);
        Assert.Equal(1920, probe.PrimaryVideoStream.Height);
        Assert.InRange(probe.Duration.TotalSeconds, 20, 60.5);
        var frame = await FilmMakers.GreyFrameAsync(film.Path, TimeSpan.FromSeconds(2), 1080, 1920);
        Assert.True(FilmMakers.Variance(frame) > 50);
    }

    [Fact]
    public async Task No_pocs_in_the_period_gives_a_short_friendly_film()
    {
        var request = SampleYears.Request(0, "pt-BR");
        var script = await Maker.WriteScriptAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal([SceneKinds.Title, SceneKinds.Empty, SceneKinds.Closing], script.Scenes.Select(scene => scene.Kind));

        var film = await MakeAsync(request, []);

        var probe = await FFProbe.AnalyseAsync(film.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("h264", probe.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
        Assert.InRange(probe.Duration.TotalSeconds, 8, 25);
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_the_render_leaves_no_files_behind()
    {
        var request = SampleYears.Request(6);
        var script = await Maker.WriteScriptAsync(request, TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SyncProgress(percent =>
        {
            if (percent >= 30)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Maker.RenderAsync(request, script, _work, progress, cancel.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    private async Task<EncodedFilm> MakeAsync(StoryRequest request, List<int> progress)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var script = await Maker.WriteScriptAsync(request, cancellationToken);
        var rendered = await Maker.RenderAsync(request, script, _work, new SyncProgress(_ => { }), cancellationToken);
        return await Maker.EncodeAsync(rendered, script, _work, new SyncProgress(progress.Add), cancellationToken);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
