using System.Globalization;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// The keys a room actor keeps in the actor state store (docs/dojo.md, "Under Dapr"):
/// <list type="bullet">
/// <item><c>meta</c>: <see cref="RoomActorMeta"/>, rewritten with every accepted operation (small).</item>
/// <item><c>op:{revision}</c>: one accepted operation each (<c>StoredOperation</c>), for revisions
/// <see cref="RoomActorMeta.FirstRetained"/> to <see cref="RoomActorMeta.Revision"/>.</item>
/// <item><c>snapshot</c>: the document at a revision (<c>RoomSnapshot</c>), written at each compaction.</item>
/// </list>
/// An operation, the new meta and (at a compaction) the snapshot and the removal of the operations
/// it replaces go in one <c>SaveStateAsync</c>: one transaction in the actor state store.
/// </summary>
internal static class RoomActorState
{
    public const string Meta = "meta";
    public const string Snapshot = "snapshot";

    public static string Operation(int revision) => "op:" + revision.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A room actor's small, always-rewritten record.</summary>
/// <param name="Revision">Operations accepted so far.</param>
/// <param name="FirstRetained">The oldest revision whose operation is still stored (Revision + 1 when none is).</param>
/// <param name="Closed">Closed rooms refuse joins and submissions.</param>
public sealed record RoomActorMeta(int Revision, int FirstRetained, bool Closed)
{
    public static RoomActorMeta Empty { get; } = new(0, 1, Closed: false);
}
