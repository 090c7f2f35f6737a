using PocTracker.Video.Film;
using PocTracker.Video.Script;

namespace PocTracker.Video.UnitTests;

public sealed class FilmPartsTests
{
    private static readonly ScriptScene[] Short = [new("title", "t"), new("numbers", "n"), new("poc", "p"), new("closing", "c")];

    [Fact]
    public void A_film_with_pocs_is_stretched_to_twenty_seconds()
    {
        var timeline = FilmTimeline.Plan(Short, new TimeSpan[Short.Length], 30);

        // Minimums 3.5 + 6 + 3.6 + 4 = 17.1 s, stretched evenly to 20 s.
        Assert.Equal(600, timeline.TotalFrames);
        Assert.Equal(17.1, timeline.Wanted, 6);
        Assert.Equal(3.5 * 20 / 17.1, timeline.Scenes[0].Duration.TotalSeconds, 1);
    }

    [Fact]
    public void A_scene_lasts_as_long_as_its_narration_and_the_film_never_passes_sixty_seconds()
    {
        var speech = new[] { TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero };
        var timeline = FilmTimeline.Plan(Short, speech, 30);
        Assert.InRange(timeline.Scenes[0].Duration.TotalSeconds, 10.85 - (1 / 30.0), 10.85 + (1 / 30.0));

        var long_ = Enumerable.Repeat(TimeSpan.FromSeconds(30), Short.Length).ToArray();
        var squeezed = FilmTimeline.Plan(Short, long_, 30);
        Assert.Equal(1800, squeezed.TotalFrames);
        Assert.True(squeezed.Wanted > 60);
    }

    [Fact]
    public void An_empty_year_is_not_stretched()
    {
        ScriptScene[] empty = [new("title", "t"), new("empty", "e"), new("closing", "c")];

        var timeline = FilmTimeline.Plan(empty, new TimeSpan[3], 30);

        Assert.Equal(12.0, timeline.Duration.TotalSeconds, 2);
    }

    [Fact]
    public void Narration_clips_are_laid_at_their_scene_and_cut_at_its_end()
    {
        var format = new WaveAudio(1, 1000, 16, []);
        var clip = format with { Data = Enumerable.Repeat((byte)7, 2 * 500).ToArray() };

        var track = WaveAudio.Compose(format, TimeSpan.FromSeconds(2), [(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5), clip), (TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3), clip)]);

        Assert.Equal(4000, track.Data.Length);
        Assert.All(track.Data[..500], sample => Assert.Equal(0, sample));
        Assert.All(track.Data[500..1000], sample => Assert.Equal(7, sample));
        Assert.All(track.Data[1000..3800], sample => Assert.Equal(0, sample));
        Assert.All(track.Data[3800..], sample => Assert.Equal(7, sample));

        var path = Path.GetTempFileName();
        try
        {
            track.Write(path);
            Assert.Equal(track, WaveAudio.Read(path), new WaveComparer());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Frames_are_converted_to_limited_range_bt601()
    {
        // 2×2 pixels: white, black, pure red, pure blue (BGRA).
        byte[] bgra = [255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255];
        var yuv = new byte[I420.Size(2, 2)];

        I420.Convert(bgra, yuv, 2, 2);

        Assert.Equal([235, 16, 82, 41], yuv[..4]);
        // Chroma of the average colour (R 128, G 64, B 128).
        Assert.Equal(6, yuv.Length);
        Assert.Equal(147, yuv[4]);
        Assert.Equal(152, yuv[5]);
    }

    [Fact]
    public void Motion_eases_in_and_out()
    {
        Assert.Equal(0, FilmFrames.Ease(0));
        Assert.Equal(0.5f, FilmFrames.Ease(0.5f), 3);
        Assert.Equal(1, FilmFrames.Ease(1));
        Assert.True(FilmFrames.Ease(0.1f) < 0.1f);
        Assert.True(FilmFrames.Ease(0.9f) > 0.9f);
    }

    private sealed class WaveComparer : IEqualityComparer<WaveAudio>
    {
        public bool Equals(WaveAudio? x, WaveAudio? y) =>
            x is not null && y is not null && x.Channels == y.Channels && x.SampleRate == y.SampleRate && x.BitsPerSample == y.BitsPerSample && x.Data.SequenceEqual(y.Data);

        public int GetHashCode(WaveAudio obj) => obj.SampleRate;
    }
}
