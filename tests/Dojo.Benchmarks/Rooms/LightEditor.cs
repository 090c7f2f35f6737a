using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.Benchmarks.Rooms;

/// <summary>
/// The load generator's editor: a raw WebSocket speaking SignalR's JSON hub protocol to <c>/hubs/dojo</c>
/// (what the hub allows that costs least), so the benchmark measures the server rather than itself. For each
/// frame it takes one timestamp; of each message it reads the type, the target and, for <c>Operations</c>,
/// each operation's revision and how much it changes the document's length (the operation's few tokens,
/// needed to make its own next operation fit); it parses nothing else and applies nothing. It types like an OT
/// client: one submission in flight, keystrokes typed meanwhile composed into the next one (each keystroke
/// inserts an <c>x</c>), sent when the <c>Ack</c> arrives. Arrival times are kept per revision in an array
/// only the receive loop writes; they are read after <see cref="DisposeAsync"/> has ended that loop.
/// </summary>
internal sealed class LightEditor : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private const string JoinInvocationId = "0";

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Lock gate = new();
    private readonly Guid roomId;
    private readonly string clientId;
    private readonly Random random;
    private readonly TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource closing = new();
    private readonly List<(int First, int Last, int Length)> earlyOperations = [];
    private Task receiving = Task.CompletedTask;
    private Task keepingAlive = Task.CompletedTask;

    // Under the gate: the document as this editor knows it, and its typing.
    private int revision;
    private int length;
    private bool isJoined;
    private bool inFlight;
    private int composed;
    private long inFlightSentAt;
    private int inFlightKeystrokes;
    private long nextSeq;
    private TaskCompletionSource? idle;

    // Written by the receive loop only (the last revision also read by waiters, hence Volatile/Interlocked).
    private long[] arrivals;
    private int lastRevision;
    private int waitingFor = int.MaxValue;
    private TaskCompletionSource? reached;
    private string? fault;
    private string? dropped;
    private int disposed;
    private long connectedAt;

    private LightEditor(Guid roomId, int index, int expectedRevisions)
    {
        this.roomId = roomId;
        clientId = $"light-{index}";
        random = new Random(index);
        arrivals = new long[Math.Max(16, expectedRevisions)];
    }

    public string ClientId => clientId;

    /// <summary>Submissions acknowledged: the revision, when it left this editor, when its <c>Ack</c> arrived, and how many keystrokes it carried.</summary>
    public List<(int Revision, long SentAt, long AckedAt, int Keystrokes)> Acknowledged { get; } = [];

    /// <summary>When each keystroke was typed (offered load).</summary>
    public List<long> Typed { get; } = [];

    /// <summary>The document's length this editor computed for <see cref="LastRevision"/> from what it received.</summary>
    public int Length
    {
        get
        {
            lock (gate)
            {
                return length;
            }
        }
    }

    public int LastRevision => Volatile.Read(ref lastRevision);

    /// <summary>When revision r arrived as another editor's operation in <c>Operations</c> (0: never; its own revisions are acknowledged instead). Read after disposal.</summary>
    public long[] Arrivals => arrivals;

    public static async Task<LightEditor> JoinAsync(Uri server, string token, Guid roomId, int index, int expectedRevisions, CancellationToken cancellationToken)
    {
        var editor = new LightEditor(roomId, index, expectedRevisions);
        try
        {
            await editor.ConnectAsync(server, token, cancellationToken);
            return editor;
        }
        catch
        {
            await editor.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types one keystroke every 1/<paramref name="rate"/> s (random phase) until <paramref name="stop"/>.</summary>
    public async Task TypeAsync(int rate, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000 / rate)), stop);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / rate));
            do
            {
                Typed.Add(Stopwatch.GetTimestamp());
                byte[]? submission;
                lock (gate)
                {
                    composed++;
                    submission = inFlight ? null : NextSubmission();
                }

                if (submission is not null)
                {
                    await SendAsync(submission);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the run is over
        }
    }

    /// <summary>Completes when nothing this editor typed is still unacknowledged (after its typing stopped).</summary>
    public Task IdleAsync()
    {
        lock (gate)
        {
            if ((!inFlight && composed == 0) || Dropped is not null)
            {
                return Task.CompletedTask;
            }

            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task;
        }
    }

    /// <summary>Completes when this editor has received (or been acknowledged) every revision up to <paramref name="target"/>.</summary>
    public Task ReachedAsync(int target)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref reached, waiter);
        Interlocked.Exchange(ref waitingFor, target); // a full fence: the receive loop sees the waiter, or we see its revision
        if (Volatile.Read(ref lastRevision) >= target || Dropped is not null)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await closing.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // the server went first
            }
        }

        try
        {
            await Task.WhenAll(receiving, keepingAlive);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // closed while a receive or ping was under way: the loop has ended all the same
        }

        socket.Dispose();
        sending.Dispose();
        closing.Dispose();
    }

    /// <summary>Why this editor stopped making sense of the room (a refused submission), or null; a Resync makes it leave the room instead (<see cref="Dropped"/>).</summary>
    public string? Fault => Volatile.Read(ref fault);

    /// <summary>Why this editor left the room (the server closed its connection, or sent a Resync), or null.</summary>
    public string? Dropped => Volatile.Read(ref dropped);

    private async Task ConnectAsync(Uri server, string token, CancellationToken cancellationToken)
    {
        // As the SDK does: WebSockets without negotiating, the token in the Authorization header.
        var address = new UriBuilder(new Uri(server, DojoHubNames.Path)) { Scheme = server.Scheme == "https" ? "wss" : "ws" }.Uri;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(address, cancellationToken);
        connectedAt = Stopwatch.GetTimestamp();
        await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, cancellationToken);
        receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{JoinInvocationId}\",\"target\":\"{DojoHubNames.Join}\",\"arguments\":[\"{roomId}\"]}}\u001e"));
        await joined.Task.WaitAsync(cancellationToken);
        keepingAlive = Task.Run(KeepAliveAsync, CancellationToken.None);
    }

    /// <summary>
    /// SignalR closes a connection that sends nothing for its client timeout (30 s); editors that have joined
    /// wait for the others to join before typing, so each pings as SignalR clients do.
    /// </summary>
    private async Task KeepAliveAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(closing.Token))
            {
                await SendAsync("{\"type\":6}\u001e"u8.ToArray());
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // disposed
        }
    }

    /// <summary>Under the gate: the submission of every keystroke composed so far, on the latest revision this editor knows.</summary>
    private byte[] NextSubmission()
    {
        var keystrokes = composed;
        composed = 0;
        inFlight = true;
        inFlightKeystrokes = keystrokes;
        var seq = nextSeq++;
        var position = random.Next(length + 1);
        var operation = new StringBuilder("[");
        if (position > 0)
        {
            operation.Append(position).Append(',');
        }

        operation.Append('"').Append('x', keystrokes).Append('"');
        if (length - position > 0)
        {
            operation.Append(',').Append(length - position);
        }

        operation.Append(']');
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":1,\"invocationId\":\"{seq + 1}\",\"target\":\"{DojoHubNames.Submit}\",\"arguments\":[\"{roomId}\",\"{clientId}\",{seq},{revision},{operation}]}}\u001e");
        inFlightSentAt = Stopwatch.GetTimestamp();
        return Encoding.UTF8.GetBytes(message);
    }

    private async Task SendAsync(byte[] message)
    {
        await sending.WaitAsync(CancellationToken.None);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!closing.IsCancellationRequested)
                    {
                        Drop($"the server closed the WebSocket ({socket.CloseStatus} {socket.CloseStatusDescription})");
                    }

                    return;
                }

                // One clock reading per frame: every message in it arrived now.
                var arrivedAt = Stopwatch.GetTimestamp();
                filled += result.Count;
                var consumed = 0;
                int separator;
                while ((separator = buffer.AsSpan(consumed, filled - consumed).IndexOf(RecordSeparator)) >= 0)
                {
                    await HandleAsync(buffer.AsMemory(consumed, separator), arrivedAt);
                    consumed += separator + 1;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            if (!closing.IsCancellationRequested)
            {
                Drop($"the connection failed: {exception.Message}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message, long arrivedAt)
    {
        byte[]? next = null;
        switch (Read(message.Span))
        {
            case { Kind: MessageKind.Operations } operation:
                for (var arrived = operation.FirstRevision; arrived <= operation.Revision; arrived++)
                {
                    Arrived(arrived, arrivedAt);
                }

                lock (gate)
                {
                    if (!isJoined)
                    {
                        earlyOperations.Add((operation.FirstRevision, operation.Revision, operation.LengthChange));
                    }
                    else if (operation.Revision > revision)
                    {
                        (revision, length) = (operation.Revision, length + operation.LengthChange);
                    }
                }

                break;
            case { Kind: MessageKind.Ack } ack:
                lock (gate)
                {
                    Acknowledged.Add((ack.Revision, inFlightSentAt, arrivedAt, inFlightKeystrokes));
                    (revision, length) = (ack.Revision, length + inFlightKeystrokes);
                    inFlight = false;
                    if (composed > 0)
                    {
                        next = NextSubmission();
                    }
                    else
                    {
                        idle?.TrySetResult();
                        idle = null;
                    }
                }

                Arrived(ack.Revision, 0);
                break;
            case { Kind: MessageKind.Joined } join:
                lock (gate)
                {
                    (revision, length) = (join.Revision, join.LengthChange);
                    foreach (var (first, last, change) in earlyOperations.Where(o => o.Last > join.Revision).OrderBy(o => o.Last))
                    {
                        if (first <= join.Revision)
                        {
                            // Only its total length change is known: the room sends what it accepted after the join's snapshot.
                            Fail($"an Operations message ({first}-{last}) straddled the joined revision {join.Revision}");
                            return;
                        }

                        (revision, length) = (last, length + change);
                    }

                    earlyOperations.Clear();
                    isJoined = true;
                }

                if (Volatile.Read(ref lastRevision) < join.Revision)
                {
                    Volatile.Write(ref lastRevision, join.Revision);
                }

                joined.TrySetResult();
                break;
            case { Kind: MessageKind.Failed } failed:
                Fail(failed.Error!);
                break;
            case { Kind: MessageKind.Closed } closed:
                Drop(closed.Error!);
                break;
        }

        if (next is not null)
        {
            await SendAsync(next);
        }
    }

    /// <summary>The receive loop's record of revision <paramref name="revisionArrived"/>: when it arrived (0 for its own, acknowledged), and that it is known.</summary>
    private void Arrived(int revisionArrived, long arrivedAt)
    {
        if (revisionArrived >= arrivals.Length)
        {
            Array.Resize(ref arrivals, Math.Max(revisionArrived + 1, arrivals.Length * 2));
        }

        arrivals[revisionArrived] = arrivedAt;
        if (revisionArrived > lastRevision)
        {
            Interlocked.Exchange(ref lastRevision, revisionArrived); // a full fence, paired with ReachedAsync's
            if (revisionArrived >= Volatile.Read(ref waitingFor))
            {
                Volatile.Read(ref reached)?.TrySetResult();
            }
        }
    }

    /// <summary>A refusal this editor should never meet (its operations are valid): the run is wrong, and fails.</summary>
    private void Fail(string why)
    {
        Interlocked.CompareExchange(ref fault, Describe(why), null);
        // Whoever waits for this editor learns now instead of at a timeout.
        Volatile.Read(ref reached)?.TrySetException(new InvalidOperationException(fault));
        joined.TrySetException(new InvalidOperationException(fault));
        lock (gate)
        {
            idle?.TrySetException(new InvalidOperationException(fault));
        }
    }

    /// <summary>
    /// The server closed this editor's connection: it is out of the room from here on (it neither sends nor
    /// receives), and the run reports it instead of waiting for it.
    /// </summary>
    private void Drop(string why)
    {
        if (closing.IsCancellationRequested)
        {
            return; // the server's answer to our own close (DisposeAsync): its Close message, then the WebSocket's
        }

        Interlocked.CompareExchange(ref dropped, Describe(why), null);
        Volatile.Read(ref reached)?.TrySetResult();
        joined.TrySetException(new InvalidOperationException(dropped));
        lock (gate)
        {
            idle?.TrySetResult();
        }
    }

    private string Describe(string why) => string.Create(CultureInfo.InvariantCulture,
        $"{clientId}: {why} ({Stopwatch.GetElapsedTime(connectedAt).TotalSeconds:N1} s after it connected, at revision {LastRevision}, {(joined.Task.IsCompletedSuccessfully ? "joined" : "joining")})");

    /// <summary>
    /// The little this editor reads of one hub message: its type and target, then only the arguments it needs.
    /// An operation's length change walks its few tokens (retains skipped, deletes and inserts
    /// counted; the benchmark's inserts are ASCII, so bytes are UTF-16 code units, and an escaped string is
    /// decoded to count it right).
    /// </summary>
    private static Message Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var type = 0;
        var target = MessageKind.Other;
        string? invocationId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.ValueTextEquals(DojoHubNames.Operations) ? MessageKind.Operations
                    : reader.ValueTextEquals(DojoHubNames.Ack) ? MessageKind.Ack
                    : reader.ValueTextEquals(DojoHubNames.Resync) ? MessageKind.Resynced
                    : MessageKind.Other;
            }
            else if (reader.ValueTextEquals("arguments"u8) && type == 1)
            {
                reader.Read();
                return target switch
                {
                    MessageKind.Operations => ReadOperations(ref reader),
                    MessageKind.Ack => ReadAck(ref reader),
                    // The room's answer to a submission based on a revision older than the history it keeps for
                    // transforms: this editor fell that far behind. A real client reloads; this one leaves the figures.
                    MessageKind.Resynced => new Message(MessageKind.Closed, 0, 0, "the room sent a Resync: this editor fell behind the history the room keeps for transforms"),
                    _ => default,
                };
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = reader.GetString();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                return type == 7
                    ? new Message(MessageKind.Closed, 0, 0, $"the server closed the connection: {Encoding.UTF8.GetString(json)}")
                    : new Message(MessageKind.Failed, 0, 0, $"invocation {invocationId} refused: {reader.GetString()}");
            }
            else if (reader.ValueTextEquals("result"u8) && type == 3 && invocationId == JoinInvocationId)
            {
                return ReadJoined(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return type == 7 ? new Message(MessageKind.Closed, 0, 0, $"the server closed the connection: {Encoding.UTF8.GetString(json)}") : default;
    }

    /// <summary><c>Operations(roomId, [{ revision, clientId, seq, operation }, ...])</c>: consecutive revisions.</summary>
    private static Message ReadOperations(ref Utf8JsonReader reader)
    {
        reader.Read(); // roomId
        reader.Read(); // [
        int first = 0, last = 0, change = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("revision"u8))
                {
                    reader.Read();
                    last = reader.GetInt32();
                    first = first == 0 ? last : first;
                }
                else if (reader.ValueTextEquals("operation"u8))
                {
                    reader.Read(); // [
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            change += reader.ValueIsEscaped ? reader.GetString()!.Length : reader.ValueSpan.Length;
                        }
                        else
                        {
                            var count = reader.GetInt32();
                            change += count < 0 ? count : 0;
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return new Message(MessageKind.Operations, last, change, null, first);
    }

    /// <summary><c>Ack(roomId, seq, revision)</c>.</summary>
    private static Message ReadAck(ref Utf8JsonReader reader)
    {
        reader.Read(); // roomId
        reader.Read(); // seq
        reader.Read();
        return new Message(MessageKind.Ack, reader.GetInt32(), 0, null);
    }

    /// <summary><c>Join</c>'s result: the revision and the document's length (read once per editor).</summary>
    private static Message ReadJoined(ref Utf8JsonReader reader)
    {
        reader.Read(); // {
        int joinedRevision = 0, documentLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("revision"u8))
            {
                reader.Read();
                joinedRevision = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("document"u8))
            {
                reader.Read();
                documentLength = reader.GetString()!.Length;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Message(MessageKind.Joined, joinedRevision, documentLength, null);
    }

    private enum MessageKind
    {
        Other,
        Operations,
        Ack,
        Joined,
        Failed,
        Resynced,
        Closed,
    }

    /// <summary>
    /// For <see cref="MessageKind.Joined"/>, <see cref="LengthChange"/> is the document's length; for
    /// <see cref="MessageKind.Operations"/>, the revisions are <see cref="FirstRevision"/> to <see cref="Revision"/>
    /// and <see cref="LengthChange"/> is theirs together.
    /// </summary>
    private readonly record struct Message(MessageKind Kind, int Revision, int LengthChange, string? Error, int FirstRevision = 0);
}
