using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.Film;

/// <summary>
/// Makes the film in the steps the workflow runs as activities: write the script, render the
/// frames, encode the MP4. Each step takes and returns plain data (JSON-serialisable), so a workflow
/// can persist it between activities; files live in the work directory the caller owns and removes.
/// </summary>
public interface IYearFilmMaker
{
    /// <summary>Activity "write the script": the narration and captions of every scene (AI when configured, else the template).</summary>
    Task<FilmScript> WriteScriptAsync(StoryRequest story, CancellationToken cancellationToken);

    /// <summary>Activity "render": draws every frame and pipes them to ffmpeg; the result names the files it left in <paramref name="workDirectory"/>.</summary>
    Task<RenderedFilm> RenderAsync(StoryRequest story, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken);

    /// <summary>Activity "encode": the narration track (espeak-ng when present) and the video into one H.264 + AAC MP4 with faststart.</summary>
    Task<EncodedFilm> EncodeAsync(RenderedFilm rendered, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken);
}

/// <summary>What rendering left in the work directory.</summary>
/// <param name="VideoPath">The silent video track.</param>
/// <param name="NarrationPath">The spoken narration (WAV) when a voice was available, else null.</param>
/// <param name="Duration">The film's length.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FramesPerSecond">Frame rate.</param>
/// <param name="Scenes">When each scene starts and how long it lasts, in script order.</param>
public sealed record RenderedFilm(string VideoPath, string? NarrationPath, TimeSpan Duration, int Width, int Height, int FramesPerSecond, IReadOnlyList<SceneTiming> Scenes);

/// <summary>Where a scene sits in the film.</summary>
/// <param name="Kind">The scene's kind, as in the script.</param>
/// <param name="Start">When it starts.</param>
/// <param name="Duration">How long it lasts.</param>
public sealed record SceneTiming(string Kind, TimeSpan Start, TimeSpan Duration);

/// <summary>The finished MP4.</summary>
/// <param name="Path">The MP4 in the work directory.</param>
/// <param name="Duration">Its length.</param>
/// <param name="HasNarration">Whether it carries a spoken track.</param>
/// <param name="Bytes">Its size.</param>
public sealed record EncodedFilm(string Path, TimeSpan Duration, bool HasNarration, long Bytes);
