using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.RoomHost;

/// <summary>An accepted operation as the room applied it (already transformed), and the revision it produced.</summary>
public sealed record StoredOperation(int Revision, string ClientId, long Seq, TextOperation Operation);
