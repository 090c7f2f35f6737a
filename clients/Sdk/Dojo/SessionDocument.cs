using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo.Presence;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// The document side of a <see cref="DojoSession"/>: the local text, ot.js's client state machine
/// (<see cref="OtClient"/>: the revision, the operation in flight and the buffered edits) and the
/// numbering of submissions. It knows no connection: the session feeds it the room's messages, under
/// the session's lock (this class has none), and decides what to do when it reports a gap. Every change
/// to the text and every room revision is told to <paramref name="presence"/>, which keeps the other
/// participants' cursors on the text.
/// </summary>
internal sealed class SessionDocument(DojoSession owner, string ownClientId, SessionPresence presence, Action<long, int, TextOperation> submit, Action discardQueued)
{
    private TextDocument document = new();
    private OtClient? ot;
    private string? remoteClientId;
    private long nextSeq;

    /// <summary>A remote operation was applied, or the text was replaced (raised with the session as sender).</summary>
    public event EventHandler<DojoDocumentChange>? Changed;

    /// <summary>The room stored and applied one of this session's operations (raised with the session as sender).</summary>
    public event EventHandler<DojoSubmission>? Acknowledged;

    /// <summary>What the room's message did to the document.</summary>
    public enum Outcome
    {
        /// <summary>Applied, or an acknowledgement counted.</summary>
        Applied,

        /// <summary>Nothing to do: already in the text, or an acknowledgement already counted.</summary>
        Ignored,

        /// <summary>Revisions between are missing: the session must catch up.</summary>
        Gap,
    }

    /// <summary>The session has had the room's text once (its first join).</summary>
    public bool Started => ot is not null;

    public string Text => document.ToString();

    public int Length => document.Length;

    /// <summary>The last room revision in the text (own acknowledged operations included).</summary>
    public int Revision => ot?.Revision ?? 0;

    public bool IsSynchronized => ot is null || ot.IsSynchronized;

    /// <summary>The seq of the operation in flight, if one is.</summary>
    public long? OutstandingSeq { get; private set; }

    /// <summary>The operation in flight (made on <see cref="Revision"/>), if one is.</summary>
    public TextOperation? Outstanding => ot?.Outstanding;

    /// <summary>How many times the text was replaced after the first join.</summary>
    public int Resets { get; private set; }

    /// <summary>The room revision and the local edits on it: what presence offsets are moved through.</summary>
    public SessionPresence.DocumentState PresenceState => new(
        Revision,
        ot?.Outstanding is { } outstanding ? (ot.Buffer is { } buffer ? outstanding.Compose(buffer) : outstanding) : null,
        document.Length);

    /// <summary>A local edit: applied to the text at once, sent or buffered by the state machine.</summary>
    /// <exception cref="TextOperationException">The operation does not fit the text; nothing changed.</exception>
    public void ApplyLocal(TextOperation operation)
    {
        var client = ot ?? throw new InvalidOperationException("The session has not joined its room yet.");
        document.Apply(operation);
        presence.TextChanged(operation);
        client.ApplyClient(operation);
    }

    /// <summary>
    /// A room operation of <paramref name="revision"/> (<paramref name="seq"/> is -1 when the message
    /// does not say): transformed against the local edits and applied, or, when it is this session's
    /// own operation in flight (accepted while it was reconnecting), counted as its acknowledgement.
    /// </summary>
    public Outcome ApplyServer(int revision, string clientId, long seq, TextOperation operation)
    {
        var client = ot!;
        if (revision <= client.Revision)
        {
            return Outcome.Ignored; // already in the text (joined or caught up past it)
        }

        if (revision != client.Revision + 1)
        {
            return Outcome.Gap;
        }

        if (client.Outstanding is not null && clientId == ownClientId && (seq < 0 || seq == OutstandingSeq))
        {
            Acknowledge(OutstandingSeq!.Value);
            return Outcome.Applied;
        }

        remoteClientId = clientId;
        client.ApplyServer(operation);
        presence.RoomAdvanced(revision, operation, PresenceState);
        return Outcome.Applied;
    }

    /// <summary>The room's <c>Ack</c>: a repeat's acknowledgement of an operation already counted changes nothing.</summary>
    public Outcome Acknowledge(long seq, int revision)
    {
        if (ot?.Outstanding is null || seq != OutstandingSeq || revision <= ot.Revision)
        {
            return Outcome.Ignored;
        }

        if (revision != ot.Revision + 1)
        {
            return Outcome.Gap;
        }

        Acknowledge(seq);
        return Outcome.Applied;
    }

    /// <summary>
    /// Whether <paramref name="missed"/> (what <c>ReadOperations</c> returned) holds every revision
    /// after <paramref name="from"/> up to <paramref name="to"/>, in order: then the session can catch up.
    /// </summary>
    public static bool Contiguous(List<RoomOperation> missed, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(missed);
        var expected = from + 1;
        foreach (var operation in missed)
        {
            if (operation.Revision > to)
            {
                break;
            }

            if (operation.Revision != expected)
            {
                return false;
            }

            expected++;
        }

        return expected == to + 1;
    }

    /// <summary>Starts over from the room's text: unacknowledged edits are dropped, and so are their queued submissions.</summary>
    public void Reset(int revision, string text, bool counts)
    {
        document = new TextDocument(text);
        OutstandingSeq = null;
        discardQueued(); // before Changed: a handler's new edit belongs to the new text
        if (ot is null)
        {
            ot = new OtClient(revision, Send, ApplyRemote);
        }
        else
        {
            ot.Resynchronize(revision);
        }

        if (counts)
        {
            Resets++;
        }

        presence.Reset(PresenceState);
        Changed?.Invoke(owner, new DojoDocumentChange(DojoChangeKind.Reset, null, revision, null, () => text));
    }

    private void Acknowledge(long seq)
    {
        OutstandingSeq = null;
        var accepted = ot!.Outstanding!;
        ot.ServerAck(); // may send the buffered edits (a new seq)
        presence.RoomAdvanced(ot.Revision, accepted, PresenceState);
        Acknowledged?.Invoke(owner, new DojoSubmission(seq, ot.Revision, null));
    }

    /// <summary>OtClient's send: number the operation and hand it to the session's sender.</summary>
    private void Send(int revision, TextOperation operation)
    {
        var seq = nextSeq++;
        OutstandingSeq = seq;
        submit(seq, revision, operation);
    }

    /// <summary>OtClient's apply: a remote operation, already transformed against the local edits.</summary>
    private void ApplyRemote(TextOperation operation)
    {
        document.Apply(operation);
        presence.TextChanged(operation);
        if (Changed is { } changed)
        {
            var current = document;
            changed(owner, new DojoDocumentChange(DojoChangeKind.Remote, operation, ot!.Revision, remoteClientId, current.ToString));
        }
    }
}
