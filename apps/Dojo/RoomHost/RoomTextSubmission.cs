namespace PocTracker.Dojo.RoomHost;

/// <summary>A whole-text client's new text, made from the document at <paramref name="Revision"/>.</summary>
/// <param name="ConnectionId">Where the acknowledgement (or resync) goes: the submitting connection.</param>
/// <param name="ClientId">The client's id, stable across its reconnects.</param>
/// <param name="Seq">The client's sequence number: (ClientId, Seq) identifies a resubmission, as for operations.</param>
/// <param name="Revision">The last room revision whose text the client had when it was edited.</param>
/// <param name="Text">The client's whole text now (CRLF is normalised to LF).</param>
public sealed record RoomTextSubmission(string ConnectionId, string ClientId, long Seq, int Revision, string Text);
