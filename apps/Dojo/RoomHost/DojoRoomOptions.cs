namespace PocTracker.Dojo.RoomHost;

/// <summary>Compaction and caps of every room (configuration section <c>Dojo:Rooms</c>).</summary>
public sealed class DojoRoomOptions
{
    public const string SectionName = "Dojo:Rooms";

    /// <summary>A snapshot is written, and the in-memory log trimmed, every this many operations.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>
    /// Operations kept in memory after a trim: a client up to this many revisions behind is
    /// transformed forward; one further behind gets a resync (and loses its unacknowledged edits).
    /// 2,000 is about a second of a 350-editor room typing at 5 keystrokes/s each: with 500 (0.3 s of
    /// it) the room benchmark saw editors resynced at 350 editors whenever deliveries ran a few hundred
    /// milliseconds late (docs/performance.md).
    /// </summary>
    public int RetainedOperations { get; set; } = 2_000;

    /// <summary>The longest document, in UTF-16 code units (1 MiB of them).</summary>
    public int MaxDocumentLength { get; set; } = 1024 * 1024;

    /// <summary>The most text one operation may insert, in UTF-16 code units (a large paste).</summary>
    public int MaxInsertLength { get; set; } = 256 * 1024;

    /// <summary>The most components one operation may have.</summary>
    public int MaxComponents { get; set; } = 10_000;

    /// <summary>
    /// How long the room's writer may search for a minimal diff of a whole-text submission; past it
    /// diff-match-patch settles for a coarser (still exact) one, so one pathological text cannot
    /// stall the room.
    /// </summary>
    public TimeSpan WholeTextDiffTimeout { get; set; } = TimeSpan.FromMilliseconds(50);
}
