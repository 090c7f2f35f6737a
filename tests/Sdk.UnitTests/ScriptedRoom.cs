using System.Threading.Channels;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Ot;
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

    public string Document { get; private set; } = "";

    public List<RoomOperation> Log { get; } = [];

    public int Revision => Log.Count;

    public int Joins { get; private set; }

    public Func<long, DojoException?> Refuse { get; set; } = _ => null;

    public Task<RoomJoined> JoinAsync(Guid roomId, CancellationToken cancellationToken)
    {
        Joins++;
        return Task.FromResult(new RoomJoined(Revision, Document, []));
    }

    public Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(Guid roomId, int afterRevision, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RoomOperation>>([.. Log.Where(o => o.Revision > afterRevision).Take(2)]);

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

    /// <summary>The next submission the session sent (waits for the session's sender loop).</summary>
    public async Task<(string ClientId, long Seq, int Revision, TextOperation Operation)> NextSubmissionAsync() =>
        await submissions.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public bool HasSubmission => submissions.Reader.TryPeek(out _);

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
