namespace PocTracker.Contracts.Dojo;

/// <summary>The dojo hub's path and the names of its methods, for clients that call it by name.</summary>
public static class DojoHubNames
{
    /// <summary>Where the hub listens (SignalR, JSON protocol).</summary>
    public const string Path = "/hubs/dojo";

    /// <summary>Client → server: <c>Join(roomId)</c> → <see cref="RoomJoined"/>.</summary>
    public const string Join = "Join";

    /// <summary>Client → server: <c>Submit(roomId, clientId, seq, revision, operation)</c>.</summary>
    public const string Submit = "Submit";

    /// <summary>Client → server: <c>Leave(roomId)</c>.</summary>
    public const string Leave = "Leave";

    /// <summary>
    /// Client → server: <c>ReadOperations(roomId, afterRevision)</c> → the room's stored operations after
    /// that revision, oldest first, at most <see cref="ReadOperationsPage"/> of them (a client catching up after a reconnect).
    /// </summary>
    public const string ReadOperations = "ReadOperations";

    /// <summary>The most operations one <c>ReadOperations</c> call returns.</summary>
    public const int ReadOperationsPage = 500;

    /// <summary>Server → client: <c>Ack(roomId, seq, revision)</c>, to the submitter.</summary>
    public const string Ack = "Ack";

    /// <summary>
    /// Server → client: <c>Operations(roomId, operations)</c>, other clients' accepted operations
    /// (<c>{ revision, clientId, seq, operation }</c>) of consecutive revisions, oldest first. The room
    /// sends what it accepted together in one message; a submitter's own operation is its <see cref="Ack"/> instead, in its place.
    /// </summary>
    public const string Operations = "Operations";

    /// <summary>Server → client: <c>Resync(roomId, snapshot)</c>, to a submitter too far behind.</summary>
    public const string Resync = "Resync";

    /// <summary>Client → server: <c>UpdatePresence(roomId, presence)</c>, the caller's cursor and selections.</summary>
    public const string UpdatePresence = "UpdatePresence";

    /// <summary>Client → server: <c>SubmitText(roomId, clientId, seq, revision, text)</c>, a whole-text client's new text.</summary>
    public const string SubmitText = "SubmitText";

    /// <summary>Server → client: <c>Presence(roomId, participant)</c>, someone arrived, moved or left (throttled).</summary>
    public const string Presence = "Presence";
}
