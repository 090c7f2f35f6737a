namespace PocTracker.Video.Film;

/// <summary>How films are made (<c>Video:Film</c>); the defaults suit a small shared machine.</summary>
public sealed class FilmOptions
{
    public const string Section = "Video:Film";

    /// <summary>The espeak-ng executable, looked up on PATH when not a path. No voice found → a silent track.</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>Whether to speak the captions at all.</summary>
    public bool Narrate { get; set; } = true;

    /// <summary>espeak-ng's speaking rate; raised (up to <see cref="MaxWordsPerMinute"/>) when the narration would run past a minute.</summary>
    public int WordsPerMinute { get; set; } = 175;

    public int MaxWordsPerMinute { get; set; } = 300;

    /// <summary>libx264 preset: the film is mostly still pictures, so a fast preset costs little in size.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>libx264 constant rate factor.</summary>
    public int Crf { get; set; } = 21;
}
