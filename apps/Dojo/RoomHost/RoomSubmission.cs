using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.RoomHost;

/// <summary>One operation a client submits.</summary>
/// <param name="ConnectionId">Where the acknowledgement (or resync) goes: the submitting connection.</param>
/// <param name="ClientId">The client's id, stable across its reconnects.</param>
/// <param name="Seq">The client's sequence number of this operation: (ClientId, Seq) identifies a resubmission.</param>
/// <param name="Revision">The room revision the operation was made on.</param>
/// <param name="Operation">The operation, on the document at <paramref name="Revision"/>.</param>
public sealed record RoomSubmission(string ConnectionId, string ClientId, long Seq, int Revision, TextOperation Operation);
