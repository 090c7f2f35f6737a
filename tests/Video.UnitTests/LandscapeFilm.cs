using Microsoft.Extensions.DependencyInjection;
using PocTracker.Video.Film;
using PocTracker.Video.Script;

namespace PocTracker.Video.UnitTests;

/// <summary>One real landscape film (four POCs, English, narrated), made once for the tests that look at it.</summary>
public sealed class LandscapeFilm : IAsyncLifetime
{
    private readonly ServiceProvider _services = FilmMakers.Services();

    public string Work { get; } = FilmMakers.WorkDirectory();

    public IYearFilmMaker Maker => _services.GetRequiredService<IYearFilmMaker>();

    public FilmScript Script { get; private set; } = null!;

    public RenderedFilm Rendered { get; private set; } = null!;

    public EncodedFilm Film { get; private set; } = null!;

    public List<int> RenderProgress { get; } = [];

    public List<int> EncodeProgress { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var maker = Maker;
        var request = SampleYears.Request(4);
        Script = await maker.WriteScriptAsync(request, CancellationToken.None);
        Rendered = await maker.RenderAsync(request, Script, Work, new SyncProgress(RenderProgress.Add), CancellationToken.None);
        Film = await maker.EncodeAsync(Rendered, Script, Work, new SyncProgress(EncodeProgress.Add), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }
}
