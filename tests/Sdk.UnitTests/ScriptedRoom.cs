using System.Threading.Channels;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Sdk.UnitTests;

/// <summary>
/// A room the test drives by hand: it records what the session submits and does what ot.js's
/// server does when the test tells it to accept something (transform against the log, apply,
/// append). Acks and broadcasts reach the session only when the test delivers them, so every
/// interleaving of a reconnect can be set up exactly.
/// </summary>
internal sealed class ScriptedRoom : IDojoSessionTransport
{
    private readonly Channel<(string ClientId, long Seq, int Revision, TextOperation Operation)> submissions = Channel.CreateUnbounded<(string, long, int, TextOperation)>();
    private readonly Channel<ParticipantPresence> presences = Channel.CreateUnbounded<ParticipantPresence>();
    private readonly Dictionary<string, Queue<(Exception Failure, Action? AtFailure)>> failures = [];

    public string Document { get; private set; } = "";

    /// <summary>The connection the session's calls go over; null while it is down.</summary>
    public string? ConnectionId { get; set; } = "connection-1";

    public List<RoomOperation> Log { get; } = [];

    public int Revision => Log.Count;

    public int Joins { get; private set; }

    public Func<long, DojoException?> Refuse { get; set; } = _ => null;

    public Task<RoomJoined> JoinAsync(Guid roomId, CancellationToken cancellationToken)
    {
        Joins++;
        ThrowIfFailing(nameof(JoinAsync));
        return Task.FromResult(new RoomJoined(Revision, Document, [.. Participants]));
    }

    public Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(Guid roomId, int afterRevision, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(ReadOperationsAsync));
        return Task.FromResult<IReadOnlyList<RoomOperation>>([.. Log.Where(o => o.Revision > afterRevision).Take(2)]);
    }

    public Task SubmitAsync(Guid roomId, string clientId, long seq, int revision, TextOperation operation, CancellationToken cancellationToken)
    {
        if (Refuse(seq) is { } refusal)
        {
            throw refusal;
        }

        submissions.Writer.TryWrite((clientId, seq, revision, operation));
        return Task.CompletedTask;
    }

    public Task LeaveAsync(Guid roomId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Who is in the room, as <c>Join</c> answers.</summary>
    public List<RoomParticipant> Participants { get; } = [];

    public Task UpdatePresenceAsync(Guid roomId, ParticipantPresence presence, CancellationToken cancellationToken)
    {
        presences.Writer.TryWrite(presence);
        return Task.CompletedTask;
    }

    /// <summary>The next presence the session sent (waits for the session's presence loop).</summary>
    public async Task<ParticipantPresence> NextPresenceAsync() =>
        await presences.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public bool HasPresence => presences.Reader.TryPeek(out _);

    /// <summary>
    /// The next call of <paramref name="call"/> (a method name of the transport) throws
    /// <paramref name="failure"/>, after <paramref name="atFailure"/> ran (say, the connection id changing
    /// as the hub notices the drop).
    /// </summary>
    public void FailNext(string call, Exception failure, Action? atFailure = null)
    {
        if (!failures.TryGetValue(call, out var queue))
        {
            failures[call] = queue = new Queue<(Exception, Action?)>();
        }

        queue.Enqueue((failure, atFailure));
    }

    /// <summary>The next submission the session sent (waits for the session's sender loop).</summary>
    public async Task<(string ClientId, long Seq, int Revision, TextOperation Operation)> NextSubmissionAsync() =>
        await submissions.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public bool HasSubmission => submissions.Reader.TryPeek(out _);

    private void ThrowIfFailing(string call)
    {
        if (failures.TryGetValue(call, out var queue) && queue.TryDequeue(out var next))
        {
            next.AtFailure?.Invoke();
            throw next.Failure;
        }
    }

    /// <summary>Accepts an operation made on <paramref name="revision"/>, as the room would; a repeated (client, seq) returns the stored one.</summary>
    public RoomOperation Accept(string clientId, long seq, int revision, TextOperation operation)
    {
        if (Log.FirstOrDefault(o => o.ClientId == clientId && o.Seq == seq) is { } stored)
        {
            return stored;
        }

        foreach (var later in Log.Where(o => o.Revision > revision))
        {
            operation = TextOperation.Transform(operation, later.Operation).ClientPrime;
        }

        Document = operation.Apply(Document);
        var accepted = new RoomOperation(Revision + 1, clientId, seq, operation);
        Log.Add(accepted);
        return accepted;
    }

    /// <summary>Another participant inserts <paramref name="text"/> at <paramref name="position"/> of the room's current text.</summary>
    public RoomOperation Other(int position, string text, string clientId = "other") =>
        Accept(clientId, Log.Count(o => o.ClientId == clientId), Revision, TextOperation.Splice(Document.Length, position, 0, text));
}
