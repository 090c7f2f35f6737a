using FFMpegCore;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Video.Film;
using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

/// <summary>The other films: vertical, empty, and one cancelled half-way.</summary>
public sealed class FilmShapesTests : IDisposable
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
    public async Task The_vertical_film_is_1080_by_1920()
    {
        var film = await MakeAsync(SampleYears.Request(1, "pt-BR", FilmFormat.Vertical));

        var probe = await FFProbe.AnalyseAsync(film.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1080, probe.PrimaryVideoStream!.Width);
        Assert.Equal(1920, probe.PrimaryVideoStream.Height);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
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

        var film = await MakeAsync(request);

        var probe = await FFProbe.AnalyseAsync(film.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("h264", probe.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
        Assert.InRange(probe.Duration.TotalSeconds, 8, 25);
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_the_render_leaves_no_files_behind()
    {
        var request = SampleYears.Request(3);
        var script = await Maker.WriteScriptAsync(request, TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var reached = 0;
        var progress = new SyncProgress(percent =>
        {
            reached = percent;
            if (percent >= 30)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Maker.RenderAsync(request, script, _work, progress, cancel.Token));

        Assert.InRange(reached, 30, 99);
        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    private async Task<EncodedFilm> MakeAsync(StoryRequest request)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var script = await Maker.WriteScriptAsync(request, cancellationToken);
        var rendered = await Maker.RenderAsync(request, script, _work, new Progress<int>(), cancellationToken);
        return await Maker.EncodeAsync(rendered, script, _work, new Progress<int>(), cancellationToken);
    }
}
