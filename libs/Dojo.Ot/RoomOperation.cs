namespace PocTracker.Dojo.Ot;

/// <summary>
/// One operation a room accepted, as it applied it: what <c>ReadOperations</c> returns to a client
/// catching up after a reconnect.
/// </summary>
/// <param name="Revision">The revision the operation produced.</param>
/// <param name="ClientId">The submitting client's id.</param>
/// <param name="Seq">The submitting client's sequence number.</param>
/// <param name="Operation">The operation, transformed onto revision <c>Revision - 1</c>.</param>
public sealed record RoomOperation(int Revision, string ClientId, long Seq, TextOperation Operation);
