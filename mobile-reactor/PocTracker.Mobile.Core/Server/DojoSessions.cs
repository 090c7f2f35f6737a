using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Dojo.Editor;

namespace PocTracker.Mobile.Core.Server;

/// <summary>
/// <see cref="IDojoSessions"/> over the app's one <see cref="DojoConnection"/> (started on the first room, reconnected
/// when it had closed for good): each room joined is a <see cref="DojoSession"/> with an <see cref="EditorBinding"/> on
/// the page's <see cref="WholeTextEditor"/>.
/// </summary>
public sealed class DojoSessions(DojoConnection connection) : IDojoSessions, IDisposable
{
    // Two rooms opened at once must not both start the hub (SignalR refuses a second start).
    private readonly SemaphoreSlim starting = new(1, 1);

    public async Task<IDojoRoomSession> OpenAsync(Guid roomId, WholeTextEditor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.State == HubConnectionState.Disconnected)
            {
                await connection.ReconnectAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            starting.Release();
        }

        var session = await connection.JoinAsync(roomId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Joined(connection, session, editor);
    }

    public void Dispose() => starting.Dispose();

    private sealed class Joined : IDojoRoomSession
    {
        private readonly DojoConnection connection;
        private readonly DojoSession session;
        private readonly WholeTextEditor editor;
        private readonly EditorBinding binding;

        public Joined(DojoConnection connection, DojoSession session, WholeTextEditor editor)
        {
            this.connection = connection;
            this.session = session;
            this.editor = editor;
            binding = new EditorBinding(session, editor);
            editor.LocalEdits = binding.OnLocalEdits;
            editor.LocalSelections = binding.OnLocalSelections;
            connection.StateChanged += OnStateChanged;
        }

        public event Action<RoomConnectionStatus>? StatusChanged;

        public RoomConnectionStatus Status => StatusOf(connection.State);

        public void SubmitText(string text, int cursor, long version) =>
            session.Edit(_ =>
            {
                editor.TypedText(text, cursor, version);
                return null; // the editor's edits went through the binding, under this same lock
            });

        public Task ReconnectAsync(CancellationToken cancellationToken) => connection.ReconnectAsync(cancellationToken);

        public void MoveCursor(int cursor) =>
            session.Edit(_ =>
            {
                editor.MovedCursor(cursor); // under the lock: the offset is of the text the session holds
                return null;
            });

        public async ValueTask DisposeAsync()
        {
            connection.StateChanged -= OnStateChanged;
            binding.Dispose();
            await connection.LeaveAsync(session).ConfigureAwait(false);
        }

        private static RoomConnectionStatus StatusOf(HubConnectionState state) => state switch
        {
            HubConnectionState.Connected => RoomConnectionStatus.Connected,
            HubConnectionState.Connecting => RoomConnectionStatus.Connecting,
            HubConnectionState.Reconnecting => RoomConnectionStatus.Reconnecting,
            _ => RoomConnectionStatus.Disconnected,
        };

        private void OnStateChanged(object? sender, HubConnectionState state) => StatusChanged?.Invoke(StatusOf(state));
    }
}
