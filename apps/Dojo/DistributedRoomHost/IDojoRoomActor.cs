using Dapr.Actors;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.DistributedRoomHost;

/// <summary>
/// A room as a Dapr actor (actor type <see cref="DojoRoomActor"/>, id = <see cref="RoomKey"/>:
/// tenant and room). Dapr runs one call of an actor id at a time, anywhere in the cluster: the
/// room's single writer. Every method takes at most one argument (what JSON remoting carries) and
/// answers refusals as values, so a refusal crosses the sidecar as data rather than as an exception.
/// </summary>
public interface IDojoRoomActor : IActor
{
    /// <summary>
    /// The document a joining connection starts from, unless the room is closed. Who is in the room is
    /// presence, kept by each replica beside its connections (<c>RoomPresence</c>), not by the actor.
    /// </summary>
    Task<ActorJoinResult> JoinAsync();

    /// <summary>Decides an operation; an accepted one is in the state store before this answers.</summary>
    Task<ActorSubmitResult> SubmitAsync(ActorSubmission submission);

    /// <summary>
    /// Decides several operations in order, each on the room as the ones before it left it, and saves
    /// every accepted one in one state-store transaction before answering (group commit: what one
    /// replica gathered while the room's previous call ran). One answer per submission, in order; a
    /// failed save fails them all, and nothing of them is kept.
    /// </summary>
    Task<IReadOnlyList<ActorSubmitResult>> SubmitManyAsync(IReadOnlyList<ActorSubmission> submissions);

    /// <summary>Decides a whole-text client's text (<see cref="DojoRoom.DecideText"/>), then as <see cref="SubmitAsync"/>.</summary>
    Task<ActorSubmitResult> SubmitTextAsync(ActorTextSubmission submission);

    /// <summary>The document now (a replica that lost track of the room starts its connections over from it).</summary>
    Task<RoomSnapshot> GetSnapshotAsync();

    /// <summary>
    /// The accepted operations after <paramref name="revision"/> while the retained log holds them
    /// (a replica fills a gap in what pub/sub delivered); null when it no longer does.
    /// </summary>
    Task<IReadOnlyList<StoredOperation>?> GetOperationsSinceAsync(int revision);

    /// <summary>
    /// The accepted operations in <paramref name="range"/> (those the room has reached) while the
    /// retained log holds them: how a replica reads an operation published by reference, without the
    /// rest of the log; null when the log no longer reaches back to its start.
    /// </summary>
    Task<IReadOnlyList<StoredOperation>?> GetOperationsAsync(RevisionRange range);

    /// <summary>The room was closed: refuse every later join and submission.</summary>
    Task CloseAsync();
}

/// <summary>Revisions <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
public sealed record RevisionRange(int From, int To);

/// <summary>What a join gets: the document to start from, or why not.</summary>
public sealed record ActorJoinResult(RoomSnapshot? Snapshot, string? RefusedCode = null, string? RefusedMessage = null);

/// <summary>One operation as the hub received it (the connection stays with the replica).</summary>
public sealed record ActorSubmission(string ClientId, long Seq, int Revision, TextOperation Operation);

/// <summary>A whole-text client's text, made from the document at <paramref name="Revision"/>.</summary>
public sealed record ActorTextSubmission(string ClientId, long Seq, int Revision, string Text);

/// <summary>How the actor answered a submission.</summary>
public enum ActorSubmitOutcome
{
    /// <summary>Stored as <see cref="ActorSubmitResult.Accepted"/>: acknowledge and broadcast it.</summary>
    Accepted,

    /// <summary>A resubmission of the operation stored as <see cref="ActorSubmitResult.Revision"/>.</summary>
    Duplicate,

    /// <summary>Behind the retained log: start the client over from <see cref="ActorSubmitResult.Snapshot"/>.</summary>
    Resync,

    /// <summary>Bad input or a closed room (<see cref="ActorSubmitResult.RefusedCode"/>): nothing changed.</summary>
    Refused,
}

/// <summary>The answer to a submission; which fields are set depends on <see cref="Outcome"/>.</summary>
public sealed record ActorSubmitResult(
    ActorSubmitOutcome Outcome,
    StoredOperation? Accepted = null,
    int Revision = 0,
    RoomSnapshot? Snapshot = null,
    string? RefusedCode = null,
    string? RefusedMessage = null);
