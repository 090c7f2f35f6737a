using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Mobile.Core.Dojo;

/// <summary>
/// Runs one room page's effects: <see cref="JoinRoom"/> opens the session bound to this page's
/// <see cref="WholeTextEditor"/> and turns its events into messages until the page closes (then leaves the room);
/// <see cref="SubmitTyped"/> hands typed text to it. One instance per open room page (it holds the session).
/// </summary>
public sealed class RoomEffects(IDojoSessions sessions) : IEffects<RoomEffect, RoomMessage>
{
    private readonly WholeTextEditor editor = new();
    private IDojoRoomSession? session;

    public IAsyncEnumerable<RoomMessage> RunAsync(RoomEffect effect, CancellationToken cancellationToken) => effect switch
    {
        JoinRoom join => JoinAsync(join.RoomId, cancellationToken),
        SubmitTyped typed => SubmitAsync(typed),
        MoveCursor move => MoveAsync(move),
        ReconnectRoom => ReconnectAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a room effect."),
    };

    private async IAsyncEnumerable<RoomMessage> JoinAsync(Guid roomId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Events come on the session's and SignalR's threads: queued here, handed to the page in order.
        var events = Channel.CreateUnbounded<RoomMessage>(new UnboundedChannelOptions { SingleReader = true });
        void OnText(EditorContent content) => events.Writer.TryWrite(new RoomTextChanged(content));
        void OnParticipants(IReadOnlyList<DojoRemoteParticipant> participants) => events.Writer.TryWrite(new RoomParticipantsChanged(participants));
        void OnStatus(RoomConnectionStatus status) => events.Writer.TryWrite(new RoomConnectionChanged(status));

        var joined = await sessions.OpenAsync(roomId, editor, cancellationToken).ConfigureAwait(false);
        try
        {
            joined.StatusChanged += OnStatus;
            editor.Changed += OnText;
            editor.ParticipantsChanged += OnParticipants;
            Volatile.Write(ref session, joined);
            yield return new RoomJoined(new EditorContent(editor.Text, editor.Cursor), joined.Status);
            await foreach (var message in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            Volatile.Write(ref session, null);
            editor.Changed -= OnText;
            editor.ParticipantsChanged -= OnParticipants;
            joined.StatusChanged -= OnStatus;
            await joined.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<RoomMessage> ReconnectAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref session) is { } joined)
        {
            await joined.ReconnectAsync(cancellationToken).ConfigureAwait(false);
            yield return new RoomConnectionChanged(joined.Status);
        }
    }

#pragma warning disable CS1998 // An iterator that answers nothing: the room's answer comes through the join's events.
    private async IAsyncEnumerable<RoomMessage> MoveAsync(MoveCursor move)
    {
        Volatile.Read(ref session)?.MoveCursor(move.Cursor);
        yield break;
    }

    private async IAsyncEnumerable<RoomMessage> SubmitAsync(SubmitTyped typed)
    {
        // The page only types into a joined room; a session gone meanwhile (the page closing) has nobody to tell.
        Volatile.Read(ref session)?.SubmitText(typed.Text, typed.Cursor, typed.Version);
        yield break;
    }
#pragma warning restore CS1998
}
