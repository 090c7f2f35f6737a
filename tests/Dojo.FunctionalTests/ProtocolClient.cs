using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// A hub connection that speaks the protocol by hand, for the tests of what the SDK never sends:
/// malformed or oversized operations, a repeated or stale (clientId, seq, revision), whole texts
/// (<c>SubmitText</c>, as a client without the SDK does), presence floods. It keeps no OT state and
/// edits nothing: it records the hub's answers, and follows the room's text from the <c>Operations</c>
/// it receives (its own accepted submissions are not sent back to it, so they are not in
/// <see cref="Document"/>). Editors in tests are SDK sessions (<see cref="SdkParticipant"/>).
/// </summary>
internal sealed class ProtocolClient : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly HubConnection connection;
    private readonly Guid roomId;
    private readonly List<(long Seq, int Revision)> acks = [];
    private readonly List<RoomSnapshot> resyncs = [];
    private readonly List<(Func<ProtocolClient, bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly List<(int Revision, TextOperation Operation)> early = [];
    private string document = "";
    private int revision = -1;
    private int acksRead;

    private ProtocolClient(HubConnection connection, Guid roomId)
    {
        this.connection = connection;
        this.roomId = roomId;
        connection.On<Guid, long, int>(DojoHubNames.Ack, (_, seq, at) => Record(() => acks.Add((seq, at))));
        connection.On<Guid, RoomSnapshot>(DojoHubNames.Resync, (_, snapshot) => Record(() => resyncs.Add(snapshot)));
        connection.On<Guid, List<RoomOperation>>(DojoHubNames.Operations, (_, operations) => Record(() =>
        {
            foreach (var operation in operations)
            {
                Follow(operation.Revision, operation.Operation);
            }
        }));
    }

    /// <summary>What <c>Join</c> answered.</summary>
    public RoomJoined Joined { get; private set; } = null!;

    /// <summary>Every <c>Ack</c> received, in order.</summary>
    public IReadOnlyList<(long Seq, int Revision)> Acks => Locked(() => acks.ToList());

    /// <summary>Every <c>Resync</c> received, in order.</summary>
    public IReadOnlyList<RoomSnapshot> Resyncs => Locked(() => resyncs.ToList());

    /// <summary>The room's text as the <c>Operations</c> received since the join made it.</summary>
    public string Document => Locked(() => document);

    /// <summary>The revision of the last operation received (or the joined one).</summary>
    public int Revision => Locked(() => revision);

    public static async Task<ProtocolClient> JoinAsync(DojoHost host, string token, Guid roomId) =>
        await JoinAsync(await host.ConnectAsync(token), roomId);

    /// <summary>Joins over a started connection of the caller's making (real TCP, say); disposing the client disposes it.</summary>
    public static async Task<ProtocolClient> JoinAsync(HubConnection connection, Guid roomId)
    {
        var client = new ProtocolClient(connection, roomId);
        var joined = await client.connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, TestContext.Current.CancellationToken);
        client.Record(() =>
        {
            client.Joined = joined;
            client.document = joined.Document;
            client.revision = joined.Revision;
            // Operations accepted after the join may arrive before its answer.
            foreach (var (at, operation) in client.early.OrderBy(e => e.Revision))
            {
                client.Follow(at, operation);
            }

            client.early.Clear();
        });
        return client;
    }

    /// <summary><c>Submit</c> with whatever operation the test wants the hub to see (a JSON element for malformed ones).</summary>
    public Task SubmitAsync(string clientId, long seq, int atRevision, object? operation) =>
        InvokeAsync(DojoHubNames.Submit, roomId, clientId, seq, atRevision, operation);

    /// <summary><c>SubmitText</c>: a whole-text client's new text, made on <paramref name="atRevision"/>.</summary>
    public Task SubmitTextAsync(string clientId, long seq, int atRevision, string? text) =>
        InvokeAsync(DojoHubNames.SubmitText, roomId, clientId, seq, atRevision, text);

    public Task InvokeAsync(string method, params object?[] arguments) =>
        connection.InvokeCoreAsync(method, arguments, TestContext.Current.CancellationToken);

    /// <summary>The next <c>Ack</c> not read yet by this method, waiting for it if need be.</summary>
    public async Task<(long Seq, int Revision)> NextAckAsync()
    {
        var index = acksRead++;
        await WaitUntilAsync(c => c.acks.Count > index);
        return Acks[index];
    }

    /// <summary>Completes when <paramref name="condition"/> holds (checked after every message); fails after a generous timeout.</summary>
    public Task WaitUntilAsync(Func<ProtocolClient, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private void Follow(int at, TextOperation operation)
    {
        if (revision < 0)
        {
            early.Add((at, operation)); // before the join's answer
        }
        else if (at == revision + 1)
        {
            document = operation.Apply(document);
            revision = at;
        }
    }

    private void Record(Action change)
    {
        lock (gate)
        {
            change();
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Condition(this))
                {
                    waiters[i].Done.TrySetResult();
                    waiters.RemoveAt(i);
                }
            }
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (gate)
        {
            return read();
        }
    }
}
