namespace PocTracker.Video.Script;

/// <summary>The kinds of scene a film is made of, and how long each one's caption may be.</summary>
public static class SceneKinds
{
    public const string Title = "title";
    public const string Numbers = "numbers";
    public const string Poc = "poc";
    public const string Summary = "summary";
    public const string Empty = "empty";
    public const string Closing = "closing";

    /// <summary>
    /// The longest caption a scene may carry: what fits the caption band in three lines and reads
    /// aloud in the scene's time. AI output is cut to it; the template stays well inside it.
    /// </summary>
    public static int MaxCaptionLength(string kind) => kind switch
    {
        Title => 140,
        Numbers => 220,
        Summary => 160,
        Empty => 160,
        _ => 130,
    };
}
