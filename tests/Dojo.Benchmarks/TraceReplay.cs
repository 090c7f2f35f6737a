using System.Diagnostics;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.Benchmarks;

/// <summary>
/// What one timed phase did: how long it took and how much OT work it was. In the server phase,
/// <see cref="ServerMilliseconds"/> is the server's own part of that time: transforming each
/// submission against what it missed, applying it and logging it, which a room does under its lock.
/// <see cref="AllocatedBytes"/>: what the timed part allocated on the managed heap (C# only; null for ot.js).
/// </summary>
internal sealed record PhaseResult(double Milliseconds, int Operations, int Revisions = 0, int ServerTransforms = 0, int ClientTransforms = 0, int ClientComposes = 0, double ServerMilliseconds = 0, long? AllocatedBytes = null)
{
    public double OperationsPerSecond => Operations / (Milliseconds / 1000);
}

/// <summary>
/// The C# half of the benchmark; tests/ot-js/replay.js is the ot.js half and does the same steps in
/// the same order (so the counts of transforms and composes must come out equal).
/// </summary>
internal static class TraceReplay
{
    /// <summary>Each patch as the operation an editor would send: retain, insert, delete, retain the rest.</summary>
    public static TextOperation[] BuildOperations(EditingTrace trace)
    {
        var operations = new TextOperation[trace.Patches.Length];
        var length = trace.StartContent.Length;
        for (var i = 0; i < operations.Length; i++)
        {
            var (position, deleteCount, text) = trace.Patches[i];
            operations[i] = TextOperation.Splice(length, position, deleteCount, text);
            length = operations[i].TargetLength;
        }

        return operations;
    }

    /// <summary>Applies every operation in order to a <see cref="TextDocument"/> (what a room holds).</summary>
    public static PhaseResult ApplyToTextDocument(EditingTrace trace, TextOperation[] operations)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var document = new TextDocument(trace.StartContent);
        foreach (var operation in operations)
        {
            document.Apply(operation);
        }

        stopwatch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Verify(document.ToString() == trace.EndContent, trace, "apply to TextDocument");
        return new PhaseResult(stopwatch.Elapsed.TotalMilliseconds, operations.Length, AllocatedBytes: allocated);
    }

    /// <summary>Applies every operation in order to an immutable string, as ot.js does.</summary>
    public static PhaseResult ApplyToString(EditingTrace trace, TextOperation[] operations)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var document = trace.StartContent;
        foreach (var operation in operations)
        {
            document = operation.Apply(document);
        }

        stopwatch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Verify(document == trace.EndContent, trace, "apply to string");
        return new PhaseResult(stopwatch.Elapsed.TotalMilliseconds, operations.Length, AllocatedBytes: allocated);
    }

    /// <summary>
    /// Two clients type the whole trace at the same time into one document, A before a "\n" and B
    /// after it, through <see cref="OtClient"/> and a server that transforms each submission against
    /// the operations accepted since its revision (docs/dojo.md, "The protocol"). Every message arrives
    /// <paramref name="latency"/> steps (keystrokes) after it was sent, so clients buffer and
    /// compose while they wait, and both sides transform against concurrent operations.
    /// </summary>
    public static PhaseResult ServerWithTwoClients(EditingTrace trace, int latency)
    {
        var patches = trace.Patches;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var document = new TextDocument(trace.StartContent + "\n" + trace.StartContent);
        var history = new List<TextOperation>();
        var toServer = new Queue<(int At, int Client, int Revision, TextOperation Operation)>();
        var inboxes = new[] { new Queue<(int At, bool Ack, TextOperation Operation)>(), new Queue<(int At, bool Ack, TextOperation Operation)>() };
        var step = 0;
        int serverTransforms = 0, clientTransforms = 0, clientComposes = 0;
        long serverTicks = 0;
        var next = new int[2];
        var localLength = new[] { document.Length, document.Length };
        var ownLength = new[] { trace.StartContent.Length, trace.StartContent.Length };
        var clients = new OtClient[2];
        for (var id = 0; id < 2; id++)
        {
            var client = id;
            clients[id] = new OtClient(
                0,
                (revision, operation) => toServer.Enqueue((step + latency, client, revision, operation)),
                operation =>
                {
                    if (operation.BaseLength != localLength[client])
                    {
                        throw new InvalidOperationException("client: length mismatch");
                    }

                    localLength[client] = operation.TargetLength;
                });
        }

        for (; ; step++)
        {
            var typing = false;
            for (var id = 0; id < 2; id++)
            {
                if (next[id] >= patches.Length)
                {
                    continue;
                }

                typing = true;
                var (position, deleteCount, text) = patches[next[id]++];
                var offset = id == 0 ? 0 : localLength[id] - ownLength[id];
                var operation = TextOperation.Splice(localLength[id], offset + position, deleteCount, text);
                localLength[id] = operation.TargetLength;
                ownLength[id] += text.Length - deleteCount;
                if (clients[id].IsAwaitingWithBuffer)
                {
                    clientComposes++;
                }

                clients[id].ApplyClient(operation);
            }

            while (toServer.Count > 0 && toServer.Peek().At <= step)
            {
                var (_, sender, revision, operation) = toServer.Dequeue();
                serverTransforms += history.Count - revision;
                var received = Stopwatch.GetTimestamp();
                for (var i = revision; i < history.Count; i++)
                {
                    operation = TextOperation.TransformClient(operation, history[i]);
                }

                document.Apply(operation);
                history.Add(operation);
                serverTicks += Stopwatch.GetTimestamp() - received;
                for (var id = 0; id < 2; id++)
                {
                    inboxes[id].Enqueue((step + latency, id == sender, operation));
                }
            }

            for (var id = 0; id < 2; id++)
            {
                var inbox = inboxes[id];
                while (inbox.Count > 0 && inbox.Peek().At <= step)
                {
                    var (_, ack, operation) = inbox.Dequeue();
                    if (ack)
                    {
                        clients[id].ServerAck();
                    }
                    else
                    {
                        clientTransforms += clients[id].IsAwaitingWithBuffer ? 2 : clients[id].IsSynchronized ? 0 : 1;
                        clients[id].ApplyServer(operation);
                    }
                }
            }

            if (!typing && toServer.Count == 0 && inboxes[0].Count == 0 && inboxes[1].Count == 0 && clients[0].IsSynchronized && clients[1].IsSynchronized)
            {
                break;
            }
        }

        stopwatch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Verify(document.ToString() == trace.EndContent + "\n" + trace.EndContent, trace, "server");
        Verify(localLength[0] == document.Length && localLength[1] == document.Length, trace, "server (clients' lengths)");
        return new PhaseResult(stopwatch.Elapsed.TotalMilliseconds, 2 * patches.Length, history.Count, serverTransforms, clientTransforms, clientComposes, Stopwatch.GetElapsedTime(0, serverTicks).TotalMilliseconds, allocated);
    }

    private static void Verify(bool condition, EditingTrace trace, string phase)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{trace.Name}, {phase}: the replayed document differs from the trace's endContent.");
        }
    }
}
