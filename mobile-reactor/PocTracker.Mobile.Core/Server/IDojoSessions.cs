using PocTracker.Mobile.Core.Dojo;

namespace PocTracker.Mobile.Core.Server;

/// <summary>How the room page sees its connection to the room.</summary>
public enum RoomConnectionStatus
{
    Connecting,
    Connected,
    Reconnecting,
    Disconnected,
}

/// <summary>Opens a room's live session (the SDK's <c>DojoConnection</c>/<c>DojoSession</c>) bound to a <see cref="WholeTextEditor"/>.</summary>
public interface IDojoSessions
{
    /// <summary>Joins <paramref name="roomId"/> and binds <paramref name="editor"/> to its text (the editor takes the room's text at once).</summary>
    Task<IDojoRoomSession> OpenAsync(Guid roomId, WholeTextEditor editor, CancellationToken cancellationToken);
}

/// <summary>One joined room. Disposing it leaves the room.</summary>
public interface IDojoRoomSession : IAsyncDisposable
{
    RoomConnectionStatus Status { get; }

    /// <summary>Raised on the connection's threads when it drops, reconnects or gives up.</summary>
    event Action<RoomConnectionStatus>? StatusChanged;

    /// <summary>Hands the text box's new text to the editor under the session's lock, so no remote operation slips in between the diff and its submission.</summary>
    void SubmitText(string text, int cursor, long version);

    /// <summary>Connects again after the connection gave up (<see cref="RoomConnectionStatus.Disconnected"/>) and rejoins the room.</summary>
    Task ReconnectAsync(CancellationToken cancellationToken);

    /// <summary>The local cursor moved (the text unchanged): sent to the others as presence.</summary>
    void MoveCursor(int cursor);
}
