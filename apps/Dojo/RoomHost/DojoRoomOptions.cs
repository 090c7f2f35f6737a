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

    /// <summary>
    /// The most bytes of messages that may wait for one connection's socket (beyond what SignalR's
    /// pipe and the TCP buffers already hold); past it the server closes that connection, which
    /// reconnects and catches up, so the room's writer never waits for a slow socket. 4 MiB: as big
    /// as the hub's message cap, so one large paste in flight to a connection that is merely slow
    /// does not drop it; some 30 s of what a 350-editor room sends one connection (about 1,700
    /// operations a second of some 80 bytes each), so a connection is dropped for being stuck, not
    /// for a hiccup. A stuck socket in a quieter room is closed anyway by SignalR's transport send
    /// timeout (10 s without a send completing). The messages are
    /// shared: an <c>Operations</c> message queued for many connections is held once, so the bound
    /// counts each connection's backlog, not memory per connection.
    /// </summary>
    public long MaxOutboundQueueBytes { get; set; } = 4 * 1024 * 1024;
}
