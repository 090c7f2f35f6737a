namespace PocTracker.Dojo.RoomHost;

/// <summary>An operation the room accepted, and the connection that submitted it ("" when it is not one to acknowledge here).</summary>
public sealed record AcceptedOperation(StoredOperation Operation, string SubmitterConnectionId);
