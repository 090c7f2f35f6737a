namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>The distributed room host's settings (configuration section <c>Dojo:Actors</c>), used only under a Dapr sidecar.</summary>
public sealed class DojoActorOptions
{
    public const string SectionName = "Dojo:Actors";

    /// <summary>
    /// The pub/sub component carrying accepted operations to every replica. Its own component, not
    /// the shared <c>pubsub</c>: its consumer id is per replica, so each replica gets every message
    /// (components/*/dojo-pubsub.yaml).
    /// </summary>
    public string PubSubName { get; set; } = "dojo-pubsub";

    /// <summary>One topic for every room's operations (each replica keeps only the rooms it has connections in).</summary>
    public string Topic { get; set; } = "dojo-operations";

    /// <summary>
    /// One topic for every room's presence, on the same component (same per-replica consumers): each
    /// replica relays its participants' arrivals, moves, departures and periodic refreshes.
    /// </summary>
    public string PresenceTopic { get; set; } = "dojo-presence";

    /// <summary>
    /// How long a replica waits for a missing revision before asking the room's actor for it. Pub/sub
    /// does not keep order, so a later revision arriving first is normal; a revision missing this long
    /// was most likely never published (its publisher died between storing and publishing).
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The largest fan-out message, in bytes of its JSON as handed to the sidecar, that carries its
    /// operation inline; a larger one is published by reference (room, revision, client id, seq) and
    /// each replica following the room reads the operation from the room's actor. SNS/SQS caps a
    /// message at 256 KiB, and what the app hands over grows on the way: the CloudEvent envelope, and
    /// SNS's own JSON envelope around it, which escapes every quote and backslash again (up to twice
    /// the size). 64 KiB keeps the worst case under the cap with room to spare, and is far above any
    /// keystroke: only pastes and large whole-text edits go by reference.
    /// </summary>
    public int MaxInlineMessageBytes { get; set; } = DefaultMaxInlineMessageBytes;

    public const int DefaultMaxInlineMessageBytes = 64 * 1024;

    /// <summary>Above this the worst case of <see cref="MaxInlineMessageBytes"/> no longer fits SNS/SQS's 256 KiB.</summary>
    public const int HighestMaxInlineMessageBytes = 120 * 1024;

    /// <summary>Below this a reference (a few hundred bytes) might not fit either.</summary>
    public const int LowestMaxInlineMessageBytes = 1024;
}
