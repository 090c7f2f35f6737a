using System.Diagnostics;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Pipes;
using Microsoft.Extensions.Options;
using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.Film;

/// <summary>
/// Makes the year film: the script (AI or template), the frames drawn with SkiaSharp and piped to
/// ffmpeg's libx264 as raw BGRA, the narration spoken by espeak-ng, and the final H.264 + AAC MP4 with
/// faststart. Every file it makes lives in the caller's work directory and is removed again when a
/// step fails; a step's outputs (named in its result) stay for the next step, and the caller removes the
/// work directory when the job ends.
/// </summary>
internal sealed class YearFilmMaker(
    FilmScriptWriter writer,
    FilmFonts fonts,
    Narrator narrator,
    IOptions<FilmOptions> options,
    ILogger<YearFilmMaker> logger) : IYearFilmMaker
{
    public const int FramesPerSecond = 30;
    internal const string VideoFile = "film-video.mp4";
    internal const string NarrationFile = "film-narration.wav";
    internal const string FilmFile = "film.mp4";

    /// <summary>The film's size in pixels.</summary>
    public static (int Width, int Height) Size(FilmFormat format) => format == FilmFormat.Vertical ? (1080, 1920) : (1280, 720);

    public Task<FilmScript> WriteScriptAsync(StoryRequest story, CancellationToken cancellationToken) =>
        writer.WriteAsync(story, cancellationToken);

    public async Task<RenderedFilm> RenderAsync(StoryRequest story, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(script);
        Directory.CreateDirectory(workDirectory);
        var videoPath = Path.Combine(workDirectory, VideoFile);
        var narrationPath = Path.Combine(workDirectory, NarrationFile);
        var done = false;
        try
        {
            progress?.Report(0);
            var (timeline, narration) = await NarrateAsync(script, workDirectory, cancellationToken);
            if (narration is not null)
            {
                narration.Write(narrationPath);
            }

            progress?.Report(5);
            var (width, height) = Size(story.Format);
            var watch = Stopwatch.StartNew();
            using (var artist = new SceneArtist(fonts, width, height, story, YearStory.Tell(story)))
            using (var frames = new FilmFrames(artist, script, timeline))
            {
                var source = new RawVideoPipeSource(frames.Sequence(progress is null ? null : new SyncProgress(p => progress.Report(5 + (p * 95 / 100))), cancellationToken))
                {
                    FrameRate = FramesPerSecond,
                };
                await FFMpegArguments
                    .FromPipeInput(source)
                    .OutputToFile(videoPath, overwrite: true, output => output
                        .WithVideoCodec(VideoCodec.LibX264)
                        .WithSpeedPreset(options.Value.Preset)
                        .WithTune(EncoderTune.Animation)
                        .WithConstantRateFactor(options.Value.Crf)
                        .WithPixelFormat("yuv420p")
                        .WithCustomArgument($"-g {FramesPerSecond * 2}"))
                    .ProcessAsynchronously(cancellationToken: cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                logger.LogInformation(
                    "Rendered {Frames} frames ({Drawn} drawn) of a {Duration:0.0} s film in {Elapsed} ms",
                    timeline.TotalFrames, frames.DrawnFrames, timeline.Duration.TotalSeconds, watch.ElapsedMilliseconds);
            }

            done = true;
            return new RenderedFilm(videoPath, narration is null ? null : narrationPath, timeline.Duration, width, height, FramesPerSecond, timeline.Scenes);
        }
        finally
        {
            if (!done)
            {
                Delete(videoPath, narrationPath);
            }
        }
    }

    public async Task<EncodedFilm> EncodeAsync(RenderedFilm rendered, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var output = Path.Combine(workDirectory, FilmFile);
        var done = false;
        try
        {
            progress?.Report(0);
            var narrated = rendered.NarrationPath is not null && File.Exists(rendered.NarrationPath);
            var inputs = FFMpegArguments.FromFileInput(rendered.VideoPath);
            // Without a voice the film still carries an (silent) AAC track, so every film has the same shape.
            inputs = narrated
                ? inputs.AddFileInput(rendered.NarrationPath!)
                : inputs.AddFileInput("anullsrc=channel_layout=mono:sample_rate=44100", verifyExists: false, input => input.ForceFormat("lavfi"));
            await inputs
                .OutputToFile(output, overwrite: true, options => options
                    .WithMap(0, StreamType.Video)
                    .WithMap(1, StreamType.Audio)
                    .CopyStreams(StreamType.Video)
                    .WithAudioCodec(AudioCodec.Aac)
                    .WithAudioBitrate(96)
                    .WithCustomArgument("-ar 44100")
                    .WithDuration(rendered.Duration)
                    .WithFastStart())
                .NotifyOnPercentageProgress(percent => progress?.Report((int)Math.Clamp(percent, 0, 100)), rendered.Duration)
                .ProcessAsynchronously(cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(100);
            done = true;
            // The render's files stay until the caller removes the work directory: a workflow that
            // replays this activity (its result was not recorded before a crash) can encode again.
            return new EncodedFilm(output, rendered.Duration, narrated, new FileInfo(output).Length);
        }
        finally
        {
            if (!done)
            {
                Delete(output);
            }
        }
    }

    /// <summary>
    /// Speaks the script and times the scenes to it. When the narration would run past the film's
    /// limit the voice is asked again, faster, before the timeline squeezes scenes (and cuts speech).
    /// </summary>
    private async Task<(FilmTimeline Timeline, WaveAudio? Narration)> NarrateAsync(FilmScript script, string workDirectory, CancellationToken cancellationToken)
    {
        var captions = script.Scenes.Select(scene => scene.Caption).ToList();
        var voice = FilmLanguage.For(script.Culture).Voice;
        var rate = options.Value.WordsPerMinute;
        var clips = await narrator.SpeakAsync(captions, voice, rate, workDirectory, cancellationToken);
        var timeline = FilmTimeline.Plan(script.Scenes, Durations(script, clips), FramesPerSecond);
        if (clips is not null && timeline.Wanted > FilmTimeline.Longest.TotalSeconds)
        {
            var faster = (int)Math.Min(options.Value.MaxWordsPerMinute, Math.Ceiling(rate * timeline.Wanted / (FilmTimeline.Longest.TotalSeconds - 2)));
            clips = await narrator.SpeakAsync(captions, voice, faster, workDirectory, cancellationToken) ?? clips;
            timeline = FilmTimeline.Plan(script.Scenes, Durations(script, clips), FramesPerSecond);
        }

        if (clips is null || clips.Count == 0)
        {
            return (timeline, null);
        }

        var placed = timeline.Scenes.Select((scene, i) => (scene.Start + FilmTimeline.Lead, scene.Start + scene.Duration, clips[i]));
        return (timeline, WaveAudio.Compose(clips[0], timeline.Duration, placed));
    }

    private static TimeSpan[] Durations(FilmScript script, IReadOnlyList<WaveAudio>? clips) =>
        clips is null ? new TimeSpan[script.Scenes.Count] : clips.Select(clip => clip.Duration).ToArray();

    private void Delete(params string?[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                if (path is not null)
                {
                    File.Delete(path);
                }
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "Could not remove {File}", Path.GetFileName(path));
            }
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post and reorder reports).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
