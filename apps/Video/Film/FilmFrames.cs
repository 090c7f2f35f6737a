using FFMpegCore.Pipes;
using PocTracker.Video.Script;
using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>
/// The film's frames in order, as one <see cref="IVideoFrame"/> whose pixels change as the sequence
/// advances. A scene's still is drawn once; while it holds, the same composed picture is sent again
/// without drawing; only the frames of a transition (a 0.6 s eased slide-and-fade, and the fades in
/// and out of the film) are composed, from the background and the two scenes' stills.
/// </summary>
internal sealed class FilmFrames : IVideoFrame, IDisposable
{
    private static readonly TimeSpan TransitionLength = TimeSpan.FromSeconds(0.6);

    /// <summary>How long the year's figures take to count up to their values, from the start of their scene.</summary>
    private static readonly TimeSpan CountUpLength = TimeSpan.FromSeconds(1.4);

    private readonly SceneArtist _artist;
    private readonly FilmScript _script;
    private readonly FilmTimeline _timeline;
    private readonly FrameBuffer _background;
    private readonly FrameBuffer[] _layers;
    private readonly int[] _layerScene = [-1, -1];
    private readonly float[] _layerReveal = [1, 1];
    private readonly FrameBuffer _hold;
    private readonly FrameBuffer _mix;
    private readonly SKPaint _fade = new();
    private readonly int[] _cardNumbers;
    private readonly int _cardCount;
    private int _holdScene = -1;
    private FrameBuffer _current;

    public FilmFrames(SceneArtist artist, FilmScript script, FilmTimeline timeline)
    {
        _artist = artist;
        _script = script;
        _timeline = timeline;
        Width = artist.Width;
        Height = artist.Height;
        _background = new FrameBuffer(Width, Height);
        _artist.DrawBackground(_background.Canvas);
        _background.Changed();
        _layers = [new FrameBuffer(Width, Height), new FrameBuffer(Width, Height)];
        _hold = new FrameBuffer(Width, Height);
        _mix = new FrameBuffer(Width, Height);
        _current = _background;
        var card = 0;
        _cardNumbers = script.Scenes.Select(scene => scene.Kind == SceneKinds.Poc ? ++card : 0).ToArray();
        _cardCount = card;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Frames are drawn in BGRA and sent as I420 (see <see cref="I420"/>).</summary>
    public string PixelFormat => "yuv420p";

    /// <summary>How many frames have been drawn rather than re-sent (for the benchmark).</summary>
    public int DrawnFrames { get; private set; }

    /// <summary>
    /// The frames, reporting 0–100 as they go. Stops early when cancelled (ffmpeg then sees the end of
    /// its input and the caller throws).
    /// </summary>
    public IEnumerable<IVideoFrame> Sequence(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var transition = (int)Math.Round(TransitionLength.TotalSeconds * _timeline.FramesPerSecond);
        var countUp = (int)Math.Round(CountUpLength.TotalSeconds * _timeline.FramesPerSecond);
        var scene = 0;
        var reported = -1;
        for (var frame = 0; frame < _timeline.TotalFrames; frame++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            while (scene + 1 < _timeline.StartFrames.Count && frame >= _timeline.StartFrames[scene + 1])
            {
                scene++;
            }

            var local = frame - _timeline.StartFrames[scene];
            var fromEnd = _timeline.TotalFrames - frame;
            var reveal = _script.Scenes[scene].Kind == SceneKinds.Numbers && local < countUp ? Ease((local + 1f) / countUp) : 1;
            if (local < transition)
            {
                var p = Ease((local + 1f) / (transition + 1f));
                Mix(scene > 0 ? scene - 1 : -1, scene, p, reveal);
            }
            else if (reveal < 1)
            {
                Mix(-1, scene, 1, reveal);
            }
            else if (scene == _script.Scenes.Count - 1 && fromEnd <= transition)
            {
                Mix(scene, -1, 1 - Ease((float)fromEnd / (transition + 1f)));
            }
            else
            {
                Hold(scene);
            }

            var percent = (int)(100L * (frame + 1) / _timeline.TotalFrames);
            if (percent != reported)
            {
                reported = percent;
                progress?.Report(percent);
            }

            yield return this;
        }
    }

    public void Serialize(Stream pipe) => pipe.Write(_current.Yuv);

    public async Task SerializeAsync(Stream pipe, CancellationToken token) => await pipe.WriteAsync(_current.Yuv, token);

    public void Dispose()
    {
        _fade.Dispose();
        _background.Dispose();
        _hold.Dispose();
        _mix.Dispose();
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
    }

    /// <summary>Ease in and out (cubic), so motion starts and lands softly.</summary>
    internal static float Ease(float t)
    {
        t = Math.Clamp(t, 0, 1);
        return t < 0.5f ? 4 * t * t * t : 1 - (MathF.Pow((-2 * t) + 2, 3) / 2);
    }

    private void Hold(int scene)
    {
        if (_holdScene != scene)
        {
            _hold.CopyFrom(_background);
            _hold.Canvas.DrawImage(Layer(scene).Image, 0, 0, SKSamplingOptions.Default, null);
            _hold.Changed();
            _holdScene = scene;
            DrawnFrames++;
        }

        _current = _hold;
    }

    /// <summary>
    /// The outgoing scene slides left and fades out over the first half; the incoming one slides in
    /// from the right and fades in from a third of the way, so the two barely overlap and text never
    /// sits on text at full strength.
    /// </summary>
    private void Mix(int outgoing, int incoming, float p, float reveal = 1)
    {
        var slide = Math.Min(Width, Height) * 0.12f;
        _mix.CopyFrom(_background);
        if (outgoing >= 0)
        {
            var gone = Math.Clamp(p / 0.5f, 0, 1);
            _fade.Color = SKColors.White.WithAlpha((byte)Math.Round(255 * (1 - gone)));
            _mix.Canvas.DrawImage(Layer(outgoing).Image, MathF.Round(-p * slide), 0, SKSamplingOptions.Default, _fade);
        }

        if (incoming >= 0)
        {
            var shown = outgoing >= 0 ? Math.Clamp((p - 0.35f) / 0.65f, 0, 1) : p;
            _fade.Color = SKColors.White.WithAlpha((byte)Math.Round(255 * shown));
            _mix.Canvas.DrawImage(Layer(incoming, reveal).Image, MathF.Round((1 - p) * slide), 0, SKSamplingOptions.Default, _fade);
        }

        _mix.Changed();
        _current = _mix;
        DrawnFrames++;
    }

    /// <summary>
    /// A scene's still, drawn the first time it is needed into one of two reusable layers (and again for
    /// each step of the numbers' count-up).
    /// </summary>
    private FrameBuffer Layer(int scene, float reveal = 1)
    {
        var slot = scene % 2;
        if (_layerScene[slot] != scene || _layerReveal[slot] != reveal)
        {
            _artist.DrawScene(_layers[slot].Canvas, _script.Scenes[scene], _cardNumbers[scene], _cardCount, reveal);
            _layers[slot].Changed();
            _layerScene[slot] = scene;
            _layerReveal[slot] = reveal;
        }

        return _layers[slot];
    }
}
