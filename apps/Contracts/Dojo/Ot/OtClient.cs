using PocTracker.Contracts.Dojo.Ot;

namespace PocTracker.Dojo.Benchmarks;

/// <summary>
/// ot.js's client (lib/client.js): synchronized, awaiting confirm (one operation in flight), or
/// awaiting with buffer (one in flight, later edits composed into a buffer). Here so the benchmark
/// does the same work in C# as ot.js's Client does under node.
/// </summary>
internal sealed class OtClient(int revision, Action<int, TextOperation> send, Action<TextOperation> applyOperation)
{
    private TextOperation? _outstanding;
    private TextOperation? _buffer;

    public int Revision { get; private set; } = revision;

    public bool IsSynchronized => _outstanding is null;

    public bool IsAwaitingWithBuffer => _buffer is not null;

    /// <summary>The user edited the document.</summary>
    public void ApplyClient(TextOperation operation)
    {
        if (_outstanding is null)
        {
            send(Revision, operation);
            _outstanding = operation;
        }
        else
        {
            _buffer = _buffer is null ? operation : _buffer.Compose(operation);
        }
    }

    /// <summary>Another participant's operation arrived from the server.</summary>
    public void ApplyServer(TextOperation operation)
    {
        Revision++;
        if (_outstanding is not null)
        {
            (_outstanding, operation) = TextOperation.Transform(_outstanding, operation);
            if (_buffer is not null)
            {
                (_buffer, operation) = TextOperation.Transform(_buffer, operation);
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
        _outstanding = _buffer;
        _buffer = null;
        if (_outstanding is not null)
        {
            send(Revision, _outstanding);
        }
    }
}
