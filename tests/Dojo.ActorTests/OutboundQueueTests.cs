using PocTracker.Dojo.Hub;

namespace PocTracker.Dojo.ActorTests;

/// <summary>
/// One connection's outbound queue (<see cref="OutboundQueue{T}"/>) alone, over a fake connection whose
/// writes complete at once or when the test says: order kept, no queue while writes keep up, the bound,
/// and closing.
/// </summary>
public sealed class OutboundQueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private readonly List<string> written = [];
    private readonly Dictionary<string, TaskCompletionSource> held = [];
    private readonly SemaphoreSlim writes = new(0);
    private readonly List<long> overflows = [];
    private int sized;

    public void Dispose() => writes.Dispose();

    [Fact]
    public void A_connection_that_keeps_up_is_written_to_at_once_without_queueing()
    {
        var queue = NewQueue(maxQueuedBytes: 1);

        queue.Send("a");
        queue.Send("b");
        queue.Send("c");

        Assert.Equal(["a", "b", "c"], Written);
        Assert.Equal(0, sized); // sizes are asked for only when a message has to wait
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public async Task Messages_sent_while_a_write_is_pending_wait_behind_it_in_order()
    {
        var queue = NewQueue(maxQueuedBytes: 100);
        var first = Hold("first");

        queue.Send("first");
        queue.Send("second");
        queue.Send("third");

        Assert.Equal(["first"], Written); // the sender did not wait for the pending write
        Assert.Equal("second".Length + "third".Length, queue.QueuedBytes);

        first.SetResult();
        await WaitForWritesAsync(3);
        Assert.Equal(["first", "second", "third"], Written);
        Assert.Equal(0, queue.QueuedBytes);

        queue.Send("fourth"); // caught up: written at once again
        Assert.Equal(["first", "second", "third", "fourth"], Written);
        Assert.False(queue.IsClosed);
    }

    [Fact]
    public async Task A_pending_write_in_the_middle_holds_back_only_what_follows_it()
    {
        var queue = NewQueue(maxQueuedBytes: 100);
        var second = Hold("2");

        queue.Send("1");
        queue.Send("2");
        queue.Send("3");
        Assert.Equal(["1", "2"], Written);

        second.SetResult();
        await WaitForWritesAsync(3);
        Assert.Equal(["1", "2", "3"], Written);
    }

    [Fact]
    public void Passing_the_bound_drops_the_queue_once_and_nothing_more_is_written()
    {
        var queue = NewQueue(maxQueuedBytes: 10);
        var stuck = Hold("stuck");

        queue.Send("stuck");
        queue.Send("12345");
        queue.Send("67890"); // 10 bytes queued: at the bound, not over it
        Assert.Empty(overflows);
        queue.Send("x"); // 11: over

        Assert.Equal([11L], overflows);
        Assert.True(queue.IsClosed);
        Assert.Equal(0, queue.QueuedBytes);

        queue.Send("late");
        stuck.SetResult();
        Assert.Equal(["stuck"], Written);
        Assert.Equal([11L], overflows);
    }

    [Fact]
    public void A_closed_queue_drops_what_waits_and_writes_nothing_more()
    {
        var queue = NewQueue(maxQueuedBytes: 100);
        var stuck = Hold("stuck");
        queue.Send("stuck");
        queue.Send("waiting");

        queue.Close();
        queue.Send("after");
        stuck.SetResult();

        Assert.Equal(["stuck"], Written);
        Assert.Equal(0, queue.QueuedBytes);
        Assert.Empty(overflows);
    }

    [Fact]
    public async Task A_failed_write_closes_the_queue()
    {
        var queue = NewQueue(maxQueuedBytes: 100);
        var failing = Hold("failing");
        queue.Send("failing");
        queue.Send("waiting");

        failing.SetException(new IOException("connection reset"));
        await WaitUntilAsync(() => queue.IsClosed);

        queue.Send("after");
        Assert.Equal(["failing"], Written);
    }

    [Fact]
    public async Task Concurrent_senders_lose_nothing_and_each_senders_messages_stay_in_order()
    {
        const int Senders = 4;
        const int Each = 2_000;
        // Every 7th write completes later, on the thread pool: senders race the pump.
        var queue = new OutboundQueue<string>(
            message =>
            {
                lock (gate)
                {
                    written.Add(message);
                }

                return message.EndsWith('7') ? new ValueTask(Task.Run(() => { })) : ValueTask.CompletedTask;
            },
            message => message.Length,
            maxQueuedBytes: long.MaxValue,
            overflows.Add);

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < Each; i++)
            {
                queue.Send($"{sender}:{i}");
            }
        }, TestContext.Current.CancellationToken)));
        await WaitUntilAsync(() => Written.Count == Senders * Each && queue.QueuedBytes == 0);

        var bySender = Written.Select(m => m.Split(':')).GroupBy(m => m[0], m => int.Parse(m[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(bySender, messages => Assert.Equal(Enumerable.Range(0, Each), messages));
    }

    private List<string> Written
    {
        get
        {
            lock (gate)
            {
                return [.. written];
            }
        }
    }

    /// <summary>A queue over the fake connection; a message's size is its length.</summary>
    private OutboundQueue<string> NewQueue(long maxQueuedBytes) =>
        new(
            message =>
            {
                TaskCompletionSource? hold;
                lock (gate)
                {
                    written.Add(message);
                    held.Remove(message, out hold);
                }

                writes.Release();
                return hold is null ? ValueTask.CompletedTask : new ValueTask(hold.Task);
            },
            message =>
            {
                Interlocked.Increment(ref sized);
                return message.Length;
            },
            maxQueuedBytes,
            overflows.Add);

    /// <summary>The write of <paramref name="message"/> completes when the returned source does (continuations on the thread pool, as a socket's would).</summary>
    private TaskCompletionSource Hold(string message)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            held[message] = done;
        }

        return done;
    }

    private async Task WaitForWritesAsync(int count)
    {
        while (Written.Count < count)
        {
            Assert.True(await writes.WaitAsync(Patience, TestContext.Current.CancellationToken), $"{count} writes expected, {Written.Count} made");
        }
    }

    /// <summary>Polls a condition the queue reaches on the thread pool (the pump), with a generous limit.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Yield();
        }
    }
}
