namespace PocTracker.Dojo.Ot;

/// <summary>
/// ot.js's client state machine (lib/client.js): synchronized, awaiting confirm (one operation in
/// flight), or awaiting with buffer (one in flight, later edits composed into a buffer). Transport
/// free: <c>send</c> submits an operation made on a revision, <c>applyOperation</c> changes the
/// local document. Every dojo client (the SDK, the tests, the benchmark) runs this one copy, so
/// they all transform alike. Not thread-safe: feed it from one place at a time.
/// </summary>
public sealed class OtClient(int revision, Action<int, TextOperation> send, Action<TextOperation> applyOperation)
{
    private TextOperation? _outstanding;

    // The edits made while _outstanding is in flight, composed in place (ComposeBuffer says why);
    // _hasBuffer tells whether there are any.
    private readonly ComposeBuffer _buffer = new();
    private bool _hasBuffer;

    /// <summary>The last server revision this client has seen (its own acknowledged operations included).</summary>
    public int Revision { get; private set; } = revision;

    /// <summary>No operation in flight.</summary>
    public bool IsSynchronized => _outstanding is null;

    /// <summary>
    /// The operation in flight, transformed onto <see cref="Revision"/> by every server operation
    /// received since it was sent: what a client resubmits after a reconnect.
    /// </summary>
    public TextOperation? Outstanding => _outstanding;

    /// <summary>An operation in flight and further edits waiting for it.</summary>
    public bool IsAwaitingWithBuffer => _hasBuffer;

    /// <summary>
    /// The edits waiting for the one in flight, composed (made after <see cref="Outstanding"/>): with it,
    /// what turns the room's text at <see cref="Revision"/> into the local text (presence needs that map).
    /// </summary>
    public TextOperation? Buffer => _hasBuffer ? _buffer.ToOperation() : null;

    /// <summary>The user edited the document (already applied locally).</summary>
    public void ApplyClient(TextOperation operation)
    {
        if (_outstanding is null)
        {
            send(Revision, operation);
            _outstanding = operation;
        }
        else if (_hasBuffer)
        {
            _buffer.Compose(operation);
        }
        else
        {
            _buffer.Reset(operation);
            _hasBuffer = true;
        }
    }

    /// <summary>Another participant's operation arrived from the server.</summary>
    public void ApplyServer(TextOperation operation)
    {
        Revision++;
        if (_outstanding is not null)
        {
            (_outstanding, operation) = TextOperation.Transform(_outstanding, operation);
            if (_hasBuffer)
            {
                operation = _buffer.Transform(operation);
            }
        }

        applyOperation(operation);
    }

    /// <summary>The server accepted this client's operation in flight.</summary>
    public void ServerAck()
    {
        if (_outstanding is null)
        {
            throw new InvalidOperationException("There is no pending operation.");
        }

        Revision++;
        _outstanding = null;
        if (_hasBuffer)
        {
            _outstanding = _buffer.ToOperation();
            _buffer.Clear();
            _hasBuffer = false;
            send(Revision, _outstanding);
        }
    }

    /// <summary>
    /// The server sent the whole document (the client was behind its retained log): the caller has
    /// replaced the local text with it; edits not yet acknowledged are dropped with the old text.
    /// </summary>
    public void Resynchronize(int revision)
    {
        Revision = revision;
        _outstanding = null;
        _buffer.Clear();
        _hasBuffer = false;
    }
}
