using PocTracker.Video.Script;

namespace PocTracker.Video.Film;

/// <summary>
/// When each scene plays. A scene lasts its kind's minimum or as long as its narration plus a short
/// lead-in and tail, whichever is longer; a film with POCs lasts at least 20 s (scenes stretched
/// evenly) and no film lasts more than 60 s (scenes squeezed evenly: the maker speeds the voice up
/// first so this rarely cuts speech). Times are whole frames.
/// </summary>
internal sealed class FilmTimeline
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    /// <summary>Narration starts this long into its scene, while the scene slides in.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(0.35);

    /// <summary>Quiet after the narration before the next scene comes in.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromSeconds(0.5);

    private FilmTimeline(IReadOnlyList<SceneTiming> scenes, int[] startFrames, int totalFrames, int framesPerSecond, double wanted)
    {
        Scenes = scenes;
        StartFrames = startFrames;
        TotalFrames = totalFrames;
        FramesPerSecond = framesPerSecond;
        Wanted = wanted;
    }

    public IReadOnlyList<SceneTiming> Scenes { get; }

    /// <summary>The first frame of each scene.</summary>
    public IReadOnlyList<int> StartFrames { get; }

    public int TotalFrames { get; }

    public int FramesPerSecond { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds((double)TotalFrames / FramesPerSecond);

    /// <summary>Seconds the scenes asked for before any squeezing (above 60 means speech would be cut).</summary>
    public double Wanted { get; }

    public static TimeSpan MinimumFor(string kind) => TimeSpan.FromSeconds(kind switch
    {
        SceneKinds.Title => 3.5,
        SceneKinds.Numbers => 6.0,
        SceneKinds.Poc => 3.6,
        SceneKinds.Summary => 4.5,
        SceneKinds.Empty => 4.5,
        _ => 4.0,
    });

    /// <param name="scenes">The script's scenes.</param>
    /// <param name="speech">Each scene's narration length (zero without a voice).</param>
    /// <param name="framesPerSecond">Frame rate.</param>
    public static FilmTimeline Plan(IReadOnlyList<ScriptScene> scenes, IReadOnlyList<TimeSpan> speech, int framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(speech);
        var seconds = scenes
            .Select((scene, i) => Math.Max(MinimumFor(scene.Kind).TotalSeconds, speech[i] > TimeSpan.Zero ? (speech[i] + Lead + Tail).TotalSeconds : 0))
            .ToArray();
        var wanted = seconds.Sum();
        var hasPocs = scenes.Any(scene => scene.Kind is SceneKinds.Poc or SceneKinds.Numbers);
        var scale = wanted > Longest.TotalSeconds ? Longest.TotalSeconds / wanted
            : hasPocs && wanted < Shortest.TotalSeconds ? Shortest.TotalSeconds / wanted
            : 1.0;

        var timings = new List<SceneTiming>(scenes.Count);
        var starts = new int[scenes.Count];
        var elapsed = 0.0;
        var frame = 0;
        for (var i = 0; i < scenes.Count; i++)
        {
            starts[i] = frame;
            elapsed += seconds[i] * scale;
            var end = (int)Math.Round(elapsed * framesPerSecond);
            timings.Add(new SceneTiming(scenes[i].Kind, Frames(frame, framesPerSecond), Frames(end - frame, framesPerSecond)));
            frame = end;
        }

        return new FilmTimeline(timings, starts, frame, framesPerSecond, wanted);
    }

    private static TimeSpan Frames(int frames, int framesPerSecond) => TimeSpan.FromSeconds((double)frames / framesPerSecond);
}
