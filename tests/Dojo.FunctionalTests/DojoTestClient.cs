using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// A participant as an editor would be one: a hub connection, the local text, and ot.js's client
/// state machine (<see cref="OtClient"/>). Server messages are handled in arrival order under one
/// lock; submissions leave in order through one sender loop, so a handler never waits on the hub.
/// Tests wait on conditions (<see cref="WaitUntilAsync"/>), never on time.
/// </summary>
internal sealed class DojoTestClient : IAsyncDisposable
{
    private static readonly string[] Snippets = ["a", "b", "x", "é", "ç", "ã", "😀", "🇧🇷", "\n", "  ", "if", "{}", "Olá"];

    private readonly object gate = new();
    private readonly HubConnection connection;
    private readonly Guid roomId;
    private readonly Channel<(long Seq, int Revision, TextOperation Operation)> outbox = Channel.CreateUnbounded<(long, int, TextOperation)>();
    private readonly List<(int Revision, TextOperation Operation)> early = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly List<string> errors = [];
    private readonly Task sender;
    private OtClient? ot;
    private string document = "";
    private long nextSeq;

    private DojoTestClient(HubConnection connection, Guid roomId, string clientId)
    {
        this.connection = connection;
        this.roomId = roomId;
        ClientId = clientId;
        connection.On<Guid, string, int, TextOperation>(DojoHubNames.Operation, OnOperation);
        connection.On<Guid, long, int>(DojoHubNames.Ack, OnAck);
        connection.On<Guid, RoomSnapshot>(DojoHubNames.Resync, OnResync);
        sender = Task.Run(SendLoopAsync);
    }

    public string ClientId { get; }

    /// <summary>The (seq, revision) of every acknowledgement received.</summary>
    public List<(long Seq, int Revision)> Acks { get; } = [];

    public int Resyncs { get; private set; }

    public string Document
    {
        get
        {
            lock (gate)
            {
                return document;
            }
        }
    }

    public int Revision
    {
        get
        {
            lock (gate)
            {
                return ot!.Revision;
            }
        }
    }

    public bool IsSynchronized
    {
        get
        {
            lock (gate)
            {
                return ot!.IsSynchronized;
            }
        }
    }

    /// <summary>Protocol violations seen (out-of-order revisions) and errors the hub answered submissions with.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    public static async Task<DojoTestClient> JoinAsync(DojoHost host, string token, Guid roomId, string clientId)
    {
        var client = new DojoTestClient(await host.ConnectAsync(token), roomId, clientId);
        var joined = await client.connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, TestContext.Current.CancellationToken);
        lock (client.gate)
        {
            client.document = joined.Document;
            client.ot = new OtClient(joined.Revision, client.Send, client.ApplyRemote);
            // Operations accepted after the join may arrive before its result: keep the later ones.
            foreach (var (revision, operation) in client.early.OrderBy(e => e.Revision).Where(e => e.Revision > joined.Revision))
            {
                client.ApplyServerLocked(revision, operation);
            }

            client.early.Clear();
        }

        return client;
    }

    /// <summary>One random keystroke, paste or deletion, applied locally and handed to the OT client.</summary>
    public void TypeRandomEdit(Random random)
    {
        lock (gate)
        {
            var length = document.Length;
            var position = Boundary(random.Next(length + 1));
            TextOperation operation;
            if (length > 0 && random.Next(5) == 0)
            {
                var end = Boundary(Math.Min(length, position + random.Next(1, 4)));
                operation = TextOperation.Splice(length, position, end - position, "");
            }
            else
            {
                operation = TextOperation.Splice(length, position, 0, Snippets[random.Next(Snippets.Length)]);
            }

            if (!operation.IsNoop)
            {
                Edit(operation);
            }
        }
    }

    /// <summary>Applies a local edit the caller built on the current text.</summary>
    public void Edit(TextOperation operation)
    {
        lock (gate)
        {
            document = operation.Apply(document);
            ot!.ApplyClient(operation);
        }
    }

    public Task InvokeAsync(string method, params object?[] arguments) =>
        connection.InvokeCoreAsync(method, arguments, TestContext.Current.CancellationToken);

    /// <summary>Completes when <paramref name="condition"/> holds (checked after every message); fails after a generous timeout.</summary>
    public Task WaitUntilAsync(Func<DojoTestClient, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            waiters.Add((() => condition(this), done));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        outbox.Writer.TryComplete();
        await sender;
        await connection.DisposeAsync();
    }

    private int Boundary(int position) =>
        position > 0 && position < document.Length && char.IsHighSurrogate(document[position - 1]) && char.IsLowSurrogate(document[position])
            ? position + 1
            : position;

    private void Send(int revision, TextOperation operation) => outbox.Writer.TryWrite((nextSeq++, revision, operation));

    private void ApplyRemote(TextOperation operation) => document = operation.Apply(document);

    private async Task SendLoopAsync()
    {
        await foreach (var (seq, revision, operation) in outbox.Reader.ReadAllAsync())
        {
            try
            {
                await connection.InvokeAsync(DojoHubNames.Submit, roomId, ClientId, seq, revision, operation);
            }
            catch (HubException exception)
            {
                lock (gate)
                {
                    errors.Add(exception.Message);
                }
            }
        }
    }

    private void OnOperation(Guid room, string clientId, int revision, TextOperation operation)
    {
        lock (gate)
        {
            if (ot is null)
            {
                early.Add((revision, operation));
                return;
            }

            ApplyServerLocked(revision, operation);
            Signal();
        }
    }

    private void ApplyServerLocked(int revision, TextOperation operation)
    {
        if (revision <= ot!.Revision)
        {
            return; // already in the joined document
        }

        if (revision != ot.Revision + 1)
        {
            errors.Add($"Operation of revision {revision} arrived at revision {ot.Revision}.");
        }

        ot.ApplyServer(operation);
    }

    private void OnAck(Guid room, long seq, int revision)
    {
        lock (gate)
        {
            Acks.Add((seq, revision));
            if (ot is { IsSynchronized: false } && revision == ot.Revision + 1)
            {
                ot.ServerAck();
            }
            else if (revision > ot!.Revision)
            {
                errors.Add($"Ack of revision {revision} arrived at revision {ot.Revision}.");
            }

            Signal();
        }
    }

    private void OnResync(Guid room, RoomSnapshot snapshot)
    {
        lock (gate)
        {
            Resyncs++;
            document = snapshot.Document;
            ot!.Resynchronize(snapshot.Revision);
            Signal();
        }
    }

    private void Signal()
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (waiters[i].Condition())
            {
                waiters[i].Done.TrySetResult();
                waiters.RemoveAt(i);
            }
        }
    }
}
