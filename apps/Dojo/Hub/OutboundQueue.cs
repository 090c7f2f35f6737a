namespace PocTracker.Dojo.Hub;

/// <summary>
/// One connection's outbound messages, in the order they were sent, so that whoever sends (a room's
/// single writer) never waits for the connection's socket. With nothing pending a message is written
/// at once, on the sender's thread; if that write completes synchronously (the connection keeps up:
/// its pipe had room) that is all, no queue and no task switch. If it does not, later messages queue
/// behind it and one pump writes them, one at a time, in order. When the queued messages add up to
/// more than <c>maxQueuedBytes</c> (the one being written not counted: it is already in the
/// connection's pipe) the queue is dropped and <c>overflow</c> is called once: the connection is
/// too far behind to keep up, and catching up after a reconnect is cheaper than holding its backlog.
/// </summary>
/// <typeparam name="T">A message, written as it is (for SignalR, a <c>SerializedHubMessage</c>: serialised once for every connection it goes to).</typeparam>
internal sealed class OutboundQueue<T>
{
    private readonly Func<T, ValueTask> write;
    private readonly Func<T, long> sizeOf;
    private readonly long maxQueuedBytes;
    private readonly Action<long> overflow;
    private readonly Lock gate = new();
    private readonly Queue<(T Message, long Size)> queued = new();
    private long queuedBytes;
    private bool writing;
    private bool closed;

    /// <param name="write">Writes one message to the connection; a write that fails has already closed the connection (SignalR's writes never throw).</param>
    /// <param name="sizeOf">A message's size in bytes, asked only for a message that has to wait.</param>
    /// <param name="maxQueuedBytes">The most bytes that may wait behind the message being written.</param>
    /// <param name="overflow">Called once, with the queued bytes, when they pass the bound: drop the connection.</param>
    public OutboundQueue(Func<T, ValueTask> write, Func<T, long> sizeOf, long maxQueuedBytes, Action<long> overflow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxQueuedBytes);
        this.write = write;
        this.sizeOf = sizeOf;
        this.maxQueuedBytes = maxQueuedBytes;
        this.overflow = overflow;
    }

    /// <summary>Bytes waiting behind the message being written.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (gate)
            {
                return queuedBytes;
            }
        }
    }

    /// <summary>Overflowed or closed: nothing more is written.</summary>
    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    /// <summary>Writes <paramref name="message"/> after every message sent before it; never waits for the connection.</summary>
    public void Send(T message)
    {
        long dropped;
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            if (!writing)
            {
                writing = true;
                dropped = -1;
            }
            else
            {
                var size = sizeOf(message);
                queued.Enqueue((message, size));
                queuedBytes += size;
                if (queuedBytes <= maxQueuedBytes)
                {
                    return;
                }

                dropped = queuedBytes;
                CloseLocked();
            }
        }

        if (dropped >= 0)
        {
            overflow(dropped);
            return;
        }

        var pending = Write(message);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = PumpAsync(pending);
            return;
        }

        // A ValueTask backed by a reusable source must be read once, even when complete.
        pending.GetAwaiter().GetResult();
        lock (gate)
        {
            if (queued.Count == 0 || closed)
            {
                writing = false;
                return;
            }
        }

        // Another sender queued behind this write while it ran: the pump takes over.
        _ = PumpAsync(ValueTask.CompletedTask);
    }

    /// <summary>The connection is gone: drop what is queued and write nothing more.</summary>
    public void Close()
    {
        lock (gate)
        {
            CloseLocked();
        }
    }

    private void CloseLocked()
    {
        closed = true;
        queued.Clear();
        queuedBytes = 0;
    }

    /// <summary>Waits for the write in progress, then writes what queued behind it, until the queue is empty.</summary>
    private async Task PumpAsync(ValueTask pending)
    {
        while (true)
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // SignalR's own writes never throw (a failed one aborts its connection); any other
                // writer's failure means the same: this connection is done.
                Close();
            }

            T next;
            lock (gate)
            {
                if (closed || queued.Count == 0)
                {
                    writing = false;
                    return;
                }

                (next, var size) = queued.Dequeue();
                queuedBytes -= size;
            }

            pending = Write(next);
        }
    }

    private ValueTask Write(T message)
    {
        try
        {
            return write(message);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }
}
