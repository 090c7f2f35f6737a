using System.Diagnostics;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Dojo.Benchmarks.Rooms;

/// <summary>
/// A full editor on the SDK (<c>DojoConnection</c>, <c>DojoSession</c>: parses, transforms and applies every
/// operation), a few per room: at the end their texts must be the same, and hold every keystroke typed. Its
/// arrivals are kept per revision like <see cref="LightEditor"/>'s; the session raises its events under its
/// lock, one at a time, and the arrays are read after <see cref="DisposeAsync"/> has closed the connection.
/// </summary>
internal sealed class SdkEditor : IAsyncDisposable
{
    private readonly DojoConnection connection;
    private readonly Dictionary<long, long> sentAt = [];
    private long[] arrivals;

    private SdkEditor(DojoConnection connection, DojoSession session, int expectedRevisions)
    {
        this.connection = connection;
        Session = session;
        arrivals = new long[Math.Max(16, expectedRevisions)];
        session.Sending += (_, submission) => sentAt[submission.Seq] = Stopwatch.GetTimestamp();
        session.Acknowledged += (_, submission) =>
        {
            if (sentAt.Remove(submission.Seq, out var at))
            {
                Acknowledged.Add((submission.Revision, at, Stopwatch.GetTimestamp()));
            }
        };
        session.Changed += (_, change) =>
        {
            if (change.Kind == DojoChangeKind.Remote)
            {
                if (change.Revision >= arrivals.Length)
                {
                    Array.Resize(ref arrivals, Math.Max(change.Revision + 1, arrivals.Length * 2));
                }

                arrivals[change.Revision] = Stopwatch.GetTimestamp();
            }
        };
    }

    public DojoSession Session { get; }

    public string ClientId => Session.ClientId;

    /// <summary>Submissions acknowledged: the revision, when it left, when the <c>Ack</c> was applied.</summary>
    public List<(int Revision, long SentAt, long AckedAt)> Acknowledged { get; } = [];

    /// <summary>When each keystroke was typed.</summary>
    public List<long> Typed { get; } = [];

    public long[] Arrivals => arrivals;

    public static async Task<SdkEditor> JoinAsync(Uri server, string token, Guid roomId, int expectedRevisions)
    {
        var connection = new DojoConnection(new DojoConnectionOptions { ServerAddress = server, AccessTokenProvider = () => Task.FromResult<string?>(token) });
        try
        {
            await connection.StartAsync();
            return new SdkEditor(connection, await connection.JoinAsync(roomId), expectedRevisions);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One <c>x</c> at a random position every 1/<paramref name="rate"/> s (random phase); the SDK composes what it cannot send yet.</summary>
    public async Task TypeAsync(int rate, Random random, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000 / rate)), stop);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / rate));
            do
            {
                Typed.Add(Stopwatch.GetTimestamp());
                Session.Edit(text => TextOperation.Splice(text.Length, random.Next(text.Length + 1), 0, "x"));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the run is over
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
