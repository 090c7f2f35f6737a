using System.Threading.Channels;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo.Presence;
using PocTracker.Dojo.Ot.WholeText;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// One room as an editor takes part in it: the document (<see cref="SessionDocument"/>: the local
/// text and ot.js's client state machine) and, here, the connection's side: joining and catching up,
/// the sender loop, the room's messages in and the retries after a drop. Local edits are applied at once and sent one
/// at a time (later ones composed while one is in flight); remote operations are transformed against
/// the unacknowledged local edits and reported through <see cref="Changed"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe: every member may be called from any thread. Server messages, local edits and
/// reconnects are handled one at a time under one lock, and events are raised under it, in revision
/// order; a handler applies the change to its editor and returns (it must not wait on the session).</para>
/// <para>After a reconnect the session joins again, reads the operations it missed
/// (<c>ReadOperations</c>), applies them — its own operation in flight among them counts as its
/// acknowledgement — and resubmits the operation still in flight with the same (clientId, seq): the
/// room acknowledges a repeat without applying it twice. Only when the room cannot tell what was
/// missed (or refuses an edit) does the session start over from the room's text, dropping its
/// unacknowledged edits; acknowledged edits are never lost. docs/dojo.md, "The SDK".</para>
/// </remarks>
public sealed class DojoSession : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly IDojoSessionTransport transport;
    private readonly Channel<Outgoing> outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<RoomOperation> early = [];
    private readonly List<(Func<DojoSession, bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly CancellationTokenSource disposing = new();
    private readonly Task sender;
    private readonly IReadOnlyList<TimeSpan> retryDelays;
    private readonly SessionDocument document;
    private readonly SessionPresence presence;
    // Capacity one, extra signals dropped: moves made while a presence is on its way coalesce into the next.
    private readonly Channel<bool> presenceDue = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task presenceSender;
    private readonly TimeSpan presenceInterval;
    private readonly TimeProvider time;
    private IReadOnlyList<RoomParticipant> participants = [];
    private bool joined;
    private bool left;
    private int epoch; // submissions queued under an older epoch belong to an old text or connection: dropped
    private int rejoins;

    internal DojoSession(
        IDojoSessionTransport transport,
        Guid roomId,
        string clientId,
        IReadOnlyList<TimeSpan>? retryDelays = null,
        Guid? localUserId = null,
        TimeSpan? presenceInterval = null,
        TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        this.transport = transport;
        this.retryDelays = retryDelays is { Count: > 0 } ? retryDelays : DojoConnectionOptions.DefaultReconnectDelays;
        this.presenceInterval = presenceInterval ?? DojoConnectionOptions.DefaultPresenceInterval;
        this.time = time ?? TimeProvider.System;
        RoomId = roomId;
        ClientId = clientId;
        presence = new SessionPresence(localUserId);
        document = new SessionDocument(this, clientId, presence,
            submit: (seq, revision, operation) => outbox.Writer.TryWrite(new Outgoing(epoch, seq, revision, operation, Resubmission: false)),
            discardQueued: () => epoch++);
        sender = Task.Run(SendLoopAsync);
        presenceSender = Task.Run(SendPresenceLoopAsync);
    }

    /// <summary>Another participant's operation was applied, or the document was replaced.</summary>
    public event EventHandler<DojoDocumentChange>? Changed
    {
        add => document.Changed += value;
        remove => document.Changed -= value;
    }

    /// <summary>An operation is leaving for the room (first time or resubmitted after a reconnect).</summary>
    public event EventHandler<DojoSubmission>? Sending;

    /// <summary>The room stored and applied one of this session's operations.</summary>
    public event EventHandler<DojoSubmission>? Acknowledged
    {
        add => document.Acknowledged += value;
        remove => document.Acknowledged -= value;
    }

    /// <summary>
    /// Something went wrong in the background: the room refused an edit (a <see cref="DojoException"/>
    /// with its code; the session then starts over from the room's text) or failed on it without a
    /// code (the session catches up and resubmits), the room refused a rejoin (<c>room-closed</c>,
    /// <c>room-not-found</c>), or the connection stopped reconnecting for want of an access token
    /// (<c>unauthorized</c>). A connection dropping under a call is not an error: the session joins
    /// again by itself.
    /// </summary>
    public event EventHandler<Exception>? Error;

    /// <summary>
    /// Someone else arrived, moved their cursor or selections, or left, or an operation applied to the
    /// local text moved their selections: redraw them from the list given (<see cref="RemoteParticipants"/>).
    /// Raised under the session's lock like <see cref="Changed"/>, after it for the same operation.
    /// </summary>
    public event EventHandler<IReadOnlyList<DojoRemoteParticipant>>? PresenceChanged;

    /// <summary>The room.</summary>
    public Guid RoomId { get; }

    /// <summary>This session's client id: with a seq, the identity of each submission. Unique per session.</summary>
    public string ClientId { get; }

    /// <summary>The local text: the room's text at <see cref="Revision"/> plus the unacknowledged local edits.</summary>
    public string Text
    {
        get
        {
            lock (gate)
            {
                return document.Text;
            }
        }
    }

    /// <summary>Length of <see cref="Text"/> in UTF-16 code units, without building the string.</summary>
    public int Length
    {
        get
        {
            lock (gate)
            {
                return document.Length;
            }
        }
    }

    /// <summary>The last room revision this session has seen (its own acknowledged operations included).</summary>
    public int Revision
    {
        get
        {
            lock (gate)
            {
                return document.Revision;
            }
        }
    }

    /// <summary>Joined on the current connection (false while reconnecting).</summary>
    public bool IsJoined
    {
        get
        {
            lock (gate)
            {
                return joined;
            }
        }
    }

    /// <summary>Every local edit has been acknowledged by the room.</summary>
    public bool IsSynchronized
    {
        get
        {
            lock (gate)
            {
                return document.IsSynchronized;
            }
        }
    }

    /// <summary>Who is in the room, as of the last (re)join.</summary>
    public IReadOnlyList<RoomParticipant> Participants
    {
        get
        {
            lock (gate)
            {
                return participants;
            }
        }
    }

    /// <summary>
    /// The other participants with their selections in offsets of <see cref="Text"/> as it is now
    /// (the signed-in user, <see cref="DojoConnectionOptions.UserId"/>, left out when known).
    /// </summary>
    public IReadOnlyList<DojoRemoteParticipant> RemoteParticipants
    {
        get
        {
            lock (gate)
            {
                return presence.Remotes;
            }
        }
    }

    /// <summary>How many times the document was replaced after the first join (resyncs, rejoins that could not catch up, refusals).</summary>
    public int Resets
    {
        get
        {
            lock (gate)
            {
                return document.Resets;
            }
        }
    }

    /// <summary>How many times the session joined again after its connection was lost.</summary>
    public int Rejoins
    {
        get
        {
            lock (gate)
            {
                return rejoins;
            }
        }
    }

    /// <summary>
    /// A local edit made on <see cref="Text"/>: applied to it at once and sent to the room (or
    /// composed into the edits waiting for the one in flight).
    /// </summary>
    /// <exception cref="TextOperationException">The operation does not fit the current text; nothing changed.</exception>
    public void Apply(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (gate)
        {
            if (!document.Started)
            {
                throw new InvalidOperationException("The session has not joined its room yet.");
            }

            if (left)
            {
                throw new InvalidOperationException("The session has left its room.");
            }

            if (operation.IsNoop)
            {
                return;
            }

            document.ApplyLocal(operation);
            Signal();
        }
    }

    /// <summary>
    /// Builds a local edit from the current text and applies it, with no remote operation in between
    /// (<paramref name="edit"/> runs under the session's lock; null or a no-op changes nothing).
    /// </summary>
    public void Edit(Func<string, TextOperation?> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (gate)
        {
            if (edit(document.Text) is { } operation)
            {
                Apply(operation);
            }
        }
    }

    /// <summary>
    /// The editor's whole new text (a plain text box): the change from the current text becomes an
    /// operation with diff-match-patch — the server's own <c>SubmitText</c> diff, so both cut the same
    /// way (whole surrogate pairs, CR and CRLF turned into LF) — and is applied as <see cref="Apply"/> does.
    /// </summary>
    /// <exception cref="TextOperationException">The text holds a lone surrogate.</exception>
    public void Replace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (gate)
        {
            var operation = WholeTextDiff.Diff(document.Text, WholeTextDiff.Normalise(text));
            Apply(operation);
        }
    }

    /// <summary>
    /// The local editor's cursor and selections (a cursor is a selection whose anchor equals its head;
    /// the primary first; none when the editor lost focus), in offsets of <see cref="Text"/>. Sent to the
    /// room at most once per <see cref="DojoConnectionOptions.PresenceInterval"/>: the first move at once,
    /// later ones coalesced into the latest, which always goes; again after every rejoin. Offsets are
    /// clamped to the text; the room receives them on its revision (local edits not yet acknowledged
    /// taken back out), so the others place them right.
    /// </summary>
    public void SetSelections(IReadOnlyList<PresenceSelection> selections)
    {
        ArgumentNullException.ThrowIfNull(selections);
        lock (gate)
        {
            presence.SetLocal(selections, document.Length);
        }

        presenceDue.Writer.TryWrite(true);
    }

    /// <summary>Completes when <paramref name="condition"/> holds; it is checked now and after every change, under the session's lock.</summary>
    public Task WaitUntilAsync(Func<DojoSession, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Leaves the room: no more operations reach this session; edits not yet acknowledged are not sent.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        bool wasJoined;
        lock (gate)
        {
            wasJoined = joined;
            left = true;
            joined = false;
            epoch++;
        }

        outbox.Writer.TryComplete();
        presenceDue.Writer.TryComplete();
        if (wasJoined)
        {
            await transport.LeaveAsync(RoomId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            left = true;
            joined = false;
            epoch++;
        }

        outbox.Writer.TryComplete();
        presenceDue.Writer.TryComplete();
        await disposing.CancelAsync().ConfigureAwait(false);
        foreach (var loop in (Task[])[sender, presenceSender])
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        disposing.Dispose();
    }

    /// <summary>
    /// Joins (or joins again after a reconnect): catches up on the operations missed since
    /// <see cref="Revision"/> and resubmits the operation in flight; with <paramref name="startOver"/>,
    /// or when catching up is impossible, takes the room's text instead and drops unacknowledged edits.
    /// </summary>
    internal async Task JoinAsync(bool startOver, CancellationToken cancellationToken)
    {
        int joining;
        int? from;
        lock (gate)
        {
            if (left)
            {
                return;
            }

            joined = false;
            joining = ++epoch;
            early.Clear();
            from = !document.Started || startOver ? null : document.Revision;
        }

        var room = await transport.JoinAsync(RoomId, cancellationToken).ConfigureAwait(false);
        var missed = new List<RoomOperation>();
        if (from is { } after && room.Revision > after)
        {
            while (after < room.Revision)
            {
                var page = await transport.ReadOperationsAsync(RoomId, after, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                missed.AddRange(page);
                after = page[^1].Revision;
            }
        }

        lock (gate)
        {
            if (joining != epoch || left)
            {
                return; // another join (or a leave) came after this one
            }

            var first = !document.Started;
            var inFlight = document.OutstandingSeq;
            if (from is not { } start || !SessionDocument.Contiguous(missed, start, room.Revision))
            {
                document.Reset(room.Revision, room.Document, counts: !first);
            }
            else
            {
                foreach (var operation in missed.Where(o => o.Revision <= room.Revision))
                {
                    ApplyServerLocked(operation.Revision, operation.ClientId, operation.Seq, operation.Operation);
                }

                if (document.IsSynchronized && document.Revision == room.Revision && document.Length != room.Document.Length)
                {
                    // Cannot happen while the room keeps its promises; if it does, the room's text wins.
                    Error?.Invoke(this, new InvalidOperationException($"The caught-up text differs from the room's at revision {room.Revision}; starting over from the room's."));
                    document.Reset(room.Revision, room.Document, counts: true);
                }
            }

            if (!first)
            {
                rejoins++;
            }

            joined = true;
            foreach (var operation in early.OrderBy(o => o.Revision))
            {
                ApplyServerLocked(operation.Revision, operation.ClientId, operation.Seq, operation.Operation);
            }

            early.Clear();
            // After the catch-up: their presences name revisions up to the joined one.
            participants = room.Participants;
            presence.Joined(room.Participants, document.PresenceState);
            if (presence.HasLocal)
            {
                presenceDue.Writer.TryWrite(true); // the room forgot this connection's presence with the old one
            }

            // Still the one in flight before the reconnect (not acknowledged by the catch-up, which
            // would have sent the buffered edits as a new submission already): send it again.
            if (document.Outstanding is { } outstanding && document.OutstandingSeq is { } seq && seq == inFlight)
            {
                outbox.Writer.TryWrite(new Outgoing(epoch, seq, document.Revision, outstanding, Resubmission: true));
            }

            Signal();
        }
    }

    /// <summary>
    /// Joins again in the background (after a reconnect, a gap or a refusal). Only the room's refusal
    /// (a <see cref="DojoException"/> with a code: closed, not found) is reported through
    /// <see cref="Error"/>; joining again cannot change it. Any other failure is the connection
    /// dropping under the join (a disposed socket, "not active", a cancelled call, or <c>not-joined</c>:
    /// the join was answered on one connection and the catch-up's <c>ReadOperations</c> went out on the
    /// next, which has joined nothing yet) or a server failure with no decision: while the connection is
    /// still the one the join started on, the join is tried again after the reconnect delays; once it has
    /// dropped, the reconnect joins again.
    /// </summary>
    internal async Task RejoinAsync(bool startOver, CancellationToken cancellationToken)
    {
        var connection = transport.ConnectionId;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await JoinAsync(startOver, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DojoException refused) when (refused.Code is not (null or DojoErrorCodes.NotJoined) && !cancellationToken.IsCancellationRequested)
            {
                Error?.Invoke(this, refused);
                return;
            }
#pragma warning disable CA1031 // a dropped connection, not the room's answer: retried here or by the reconnect
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // The hub may not have noticed yet that its socket is gone (it still reads connected,
                // under the same id); waiting lets it notice, and a join on a live connection succeeds.
                if (connection is null || transport.ConnectionId != connection)
                {
                    return;
                }

                await Task.Delay(retryDelays[Math.Min(attempt, retryDelays.Count - 1)], cancellationToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // cancelled: the session is going away
                if (cancellationToken.IsCancellationRequested || transport.ConnectionId != connection)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// The connection stopped reconnecting (no access token to be had): reported, and the local edits
    /// are kept for a <see cref="DojoConnection.ReconnectAsync"/> once the application has a token again.
    /// </summary>
    internal void OnConnectionEnded(DojoException reason)
    {
        OnDisconnected();
        Error?.Invoke(this, reason);
    }

    /// <summary>The connection was lost: hold submissions until the session has joined again.</summary>
    internal void OnDisconnected()
    {
        lock (gate)
        {
            joined = false;
            epoch++;
        }
    }

    /// <summary>Other participants' operations (<c>Operations</c>), consecutive revisions in order.</summary>
    internal void OnOperations(IReadOnlyList<RoomOperation> operations)
    {
        lock (gate)
        {
            var applied = false;
            foreach (var operation in operations)
            {
                if (!joined)
                {
                    // Sent after the room took this connection in, possibly before Join's answer (or a gap
                    // earlier in this message started a rejoin): the join's catch-up takes it.
                    early.Add(operation with { Seq = -1 });
                    continue;
                }

                ApplyServerLocked(operation.Revision, operation.ClientId, -1, operation.Operation);
                applied = true;
            }

            if (applied)
            {
                Signal();
            }
        }
    }

    /// <summary>Someone arrived, moved or left (<c>Presence</c>).</summary>
    internal void OnPresence(RoomParticipant participant)
    {
        lock (gate)
        {
            if (!document.Started)
            {
                return; // the join's answer lists everyone
            }

            presence.Received(participant, document.PresenceState);
            Signal();
        }
    }

    /// <summary>The room stored and applied this session's operation <paramref name="seq"/> as <paramref name="revision"/> (<c>Ack</c>).</summary>
    internal void OnAck(long seq, int revision)
    {
        lock (gate)
        {
            // While joining, the catch-up decides.
            if (!joined)
            {
                return;
            }

            switch (document.Acknowledge(seq, revision))
            {
                case SessionDocument.Outcome.Gap:
                    RejoinInBackground(startOver: false); // operations between are missing: catch up
                    break;
                case SessionDocument.Outcome.Applied:
                    Signal();
                    break;
            }
        }
    }

    /// <summary>The room could not transform this session's operation (too far behind): start over from its text (<c>Resync</c>).</summary>
    internal void OnResync(RoomSnapshot snapshot)
    {
        lock (gate)
        {
            if (!joined || !document.Started)
            {
                return; // the join under way brings the room's state anyway
            }

            document.Reset(snapshot.Revision, snapshot.Document, counts: true);
            Signal();
        }
    }

    private void ApplyServerLocked(int revision, string clientId, long seq, TextOperation operation)
    {
        if (document.ApplyServer(revision, clientId, seq, operation) == SessionDocument.Outcome.Gap)
        {
            RejoinInBackground(startOver: false);
        }
    }

    private void RejoinInBackground(bool startOver)
    {
        joined = false; // hold everything until the join has caught up
        epoch++;
        var stopping = disposing.Token;
        _ = Task.Run(() => RejoinAsync(startOver, stopping));
    }

    /// <summary>Submissions leave one at a time, never from a message handler (which would wait on its own receive loop).</summary>
    private async Task SendLoopAsync()
    {
        await foreach (var item in outbox.Reader.ReadAllAsync(disposing.Token).ConfigureAwait(false))
        {
            lock (gate)
            {
                if (!joined || item.Epoch != epoch)
                {
                    continue; // the join under way resubmits what is still in flight
                }

                Sending?.Invoke(this, new DojoSubmission(item.Seq, item.Revision, item.Operation, item.Resubmission));
            }

            try
            {
                await transport.SubmitAsync(RoomId, ClientId, item.Seq, item.Revision, item.Operation, disposing.Token).ConfigureAwait(false);
            }
            catch (DojoException refused)
            {
                lock (gate)
                {
                    if (item.Epoch == epoch && joined)
                    {
                        if (refused.Code == DojoErrorCodes.NotJoined)
                        {
                            // Sent on a connection that has not joined yet (the old one dropped under the
                            // send): nothing was applied, so catch up and resubmit; not the room's decision.
                            RejoinInBackground(startOver: false);
                            continue;
                        }

                        Error?.Invoke(this, refused);
                        // A refusal (a code) means the edit can never be accepted: start over from the
                        // room's text. Without a code the outcome is unknown: catch up and resubmit.
                        RejoinInBackground(startOver: refused.Code is not null);
                    }
                }
            }
#pragma warning disable CA1031 // the connection went away: the reconnect resubmits
            catch (Exception) when (!disposing.IsCancellationRequested)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>
    /// The local presence leaves at most once per interval: the first at once, then whatever is latest
    /// when the interval ends. Separate from the submissions (a cursor never waits behind an edit), and
    /// best effort: a failed send is not retried, the next move or rejoin sends the latest.
    /// </summary>
    private async Task SendPresenceLoopAsync()
    {
        while (await presenceDue.Reader.WaitToReadAsync(disposing.Token).ConfigureAwait(false))
        {
            presenceDue.Reader.TryRead(out _);
            ParticipantPresence current;
            lock (gate)
            {
                if (!joined || left)
                {
                    continue; // the rejoin sends it
                }

                current = presence.LocalPresence(document.PresenceState);
            }

            // The interval starts before the send, so a slow answer does not stretch it.
            var interval = Task.Delay(presenceInterval, time, disposing.Token);
            try
            {
                await transport.UpdatePresenceAsync(RoomId, current, disposing.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // presence is best effort: a refusal, a dropped connection or disposal loses one position, not the session
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            await interval.ConfigureAwait(false);
        }
    }

    private void Signal()
    {
        if (presence.TakeChanged())
        {
            PresenceChanged?.Invoke(this, presence.Remotes);
        }

        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (waiters[i].Condition(this))
            {
                waiters[i].Done.TrySetResult();
                waiters.RemoveAt(i);
            }
        }
    }

    private readonly record struct Outgoing(int Epoch, long Seq, int Revision, TextOperation Operation, bool Resubmission);
}
