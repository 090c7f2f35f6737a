using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.RoomHost;

/// <summary>What a room decides about a submission, before anything is stored.</summary>
public abstract record RoomDecision
{
    private RoomDecision()
    {
    }

    /// <summary>New: store <paramref name="Operation"/> (transformed to the current revision), then commit it.</summary>
    public sealed record Accept(StoredOperation Operation) : RoomDecision;

    /// <summary>A resubmission of an accepted operation: acknowledge it again with its revision.</summary>
    public sealed record Duplicate(int Revision) : RoomDecision;

    /// <summary>The client is behind the retained log: send it the whole document.</summary>
    public sealed record Resync(RoomSnapshot Snapshot) : RoomDecision;
}
