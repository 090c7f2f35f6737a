using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.Dojo.Editor;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Mobile.Core.Tests.Dojo;

public sealed class RoomPageTests
{
    private static readonly Guid RoomId = Guid.NewGuid();

    private static RoomState Joined(string text) =>
        new RoomPage(RoomId).Update(new RoomPage(RoomId).Start().State, new RoomJoined(new EditorContent(text, text.Length), RoomConnectionStatus.Connected)).State;

    [Fact]
    public void Opening_joins_the_room()
    {
        var start = new RoomPage(RoomId).Start();

        Assert.Equal([new JoinRoom(RoomId)], start.Effects);
        Assert.Equal(RoomConnectionStatus.Connecting, start.State.Connection);
    }

    [Fact]
    public void Typing_takes_the_text_and_submits_it_numbered()
    {
        var page = new RoomPage(RoomId);

        var first = page.Update(Joined("let x"), new EditorTyped("let x=", 6));
        var second = page.Update(first.State, new EditorTyped("let x=1", 7));

        Assert.Equal([new SubmitTyped("let x=", 6, 1)], first.Effects);
        Assert.Equal([new SubmitTyped("let x=1", 7, 2)], second.Effects);
        Assert.Equal("let x=1", second.State.Text);
    }

    [Fact]
    public void The_editors_echo_of_the_states_text_submits_nothing()
    {
        var echoed = new RoomPage(RoomId).Update(Joined("same"), new EditorTyped("same", 4));

        Assert.Empty(echoed.Effects);
    }

    [Fact]
    public void Moving_the_cursor_without_typing_tells_the_others()
    {
        var moved = new RoomPage(RoomId).Update(Joined("same"), new EditorTyped("same", 2));

        Assert.Equal([new MoveCursor(2)], moved.Effects);
        Assert.Equal(2, moved.State.Cursor);
    }

    [Fact]
    public void Typing_before_the_room_is_joined_is_not_submitted()
    {
        var page = new RoomPage(RoomId);

        Assert.Empty(page.Update(page.Start().State, new EditorTyped("early", 5)).Effects);
    }

    [Fact]
    public void A_failed_join_can_be_tried_again()
    {
        var page = new RoomPage(RoomId);
        var failed = page.Update(page.Start().State, page.Failed(new JoinRoom(RoomId), Core.Failures.Failure.Offline)).State;

        Assert.Equal(RoomConnectionStatus.Disconnected, failed.Connection);
        Assert.Equal([new JoinRoom(RoomId)], page.Update(failed, new RoomRejoinRequested()).Effects);
    }

    [Fact]
    public void A_connection_that_gave_up_is_reconnected_on_request()
    {
        var page = new RoomPage(RoomId);
        var gaveUp = page.Update(Joined("x"), new RoomConnectionChanged(RoomConnectionStatus.Disconnected)).State;

        Assert.Equal([new ReconnectRoom()], page.Update(gaveUp, new RoomRejoinRequested()).Effects);
        Assert.Empty(page.Update(Joined("x"), new RoomRejoinRequested()).Effects);
        var stillOffline = page.Update(page.Update(gaveUp, new RoomRejoinRequested()).State, page.Failed(new ReconnectRoom(), Core.Failures.Failure.Offline)).State;
        Assert.Equal(RoomConnectionStatus.Disconnected, stillOffline.Connection);
    }

    [Fact]
    public async Task Typing_reaches_the_binding_as_edits_and_a_remote_change_reaches_the_state()
    {
        var sessions = new FakeSessions("fn main() {}");
        var loop = new PageLoop<RoomState, RoomMessage, RoomEffect>(new RoomPage(RoomId), new RoomEffects(sessions));
        await using (loop)
        {
            var joined = new TaskCompletionSource();
            loop.Changed += s =>
            {
                if (s.Joined)
                {
                    joined.TrySetResult();
                }
            };
            loop.Start();
            await joined.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            loop.Dispatch(new EditorTyped("fn main() { go }", 15));
            await sessions.Session!.Submitted.Reader.WaitToReadAsync(TestContext.Current.CancellationToken);

            var changed = new TaskCompletionSource<RoomState>();
            loop.Changed += s =>
            {
                if (s.Text.StartsWith("//", StringComparison.Ordinal))
                {
                    changed.TrySetResult(s);
                }
            };
            sessions.Session.Remote([new EditorEdit(0, 0, "// hi\n")], [new PresenceSelection(21, 21)]);
            var after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.True(sessions.Session.Submitted.Reader.TryRead(out var batch));
            Assert.Equal("fn main() { go }", EditorEdits.Apply("fn main() {}", batch));
            Assert.Equal("// hi\nfn main() { go }", after.Text);
            Assert.Equal(21, after.Cursor);
        }

        Assert.True(sessions.Session.Left); // closing the page left the room
    }

    /// <summary>
    /// Stands in for the SDK's session (whose constructor is internal to the SDK): opening resets the editor to the room's
    /// text as <see cref="EditorBinding"/>'s constructor does, typed text goes through the editor's edits, and the test
    /// plays the room's operations through <see cref="IBoundEditor.ApplyRemote"/> as the binding does.
    /// </summary>
    private sealed class FakeSessions(string roomText) : IDojoSessions
    {
        public FakeSession? Session { get; private set; }

        public Task<IDojoRoomSession> OpenAsync(Guid roomId, WholeTextEditor editor, CancellationToken cancellationToken)
        {
            editor.ApplyRemote([new EditorEdit(0, 0, roomText)], [new PresenceSelection(0, 0)]);
            Session = new FakeSession(editor);
            return Task.FromResult<IDojoRoomSession>(Session);
        }
    }

    private sealed class FakeSession : IDojoRoomSession
    {
        private readonly Lock gate = new();
        private readonly WholeTextEditor editor;

        public FakeSession(WholeTextEditor editor)
        {
            this.editor = editor;
            editor.LocalEdits = edits => Submitted.Writer.TryWrite(edits);
        }

        public System.Threading.Channels.Channel<IReadOnlyList<EditorEdit>> Submitted { get; } = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<EditorEdit>>();

        public bool Left { get; private set; }

        public RoomConnectionStatus Status => RoomConnectionStatus.Connected;

        public event Action<RoomConnectionStatus>? StatusChanged
        {
            add { }
            remove { }
        }

        public void SubmitText(string text, int cursor, long version)
        {
            lock (gate)
            {
                editor.TypedText(text, cursor, version);
            }
        }

        public void Remote(IReadOnlyList<EditorEdit> edits, IReadOnlyList<PresenceSelection> selections)
        {
            lock (gate)
            {
                editor.ApplyRemote(edits, selections);
            }
        }

        public Task ReconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void MoveCursor(int cursor)
        {
            lock (gate)
            {
                editor.MovedCursor(cursor);
            }
        }

        public ValueTask DisposeAsync()
        {
            Left = true;
            return ValueTask.CompletedTask;
        }
    }
}
