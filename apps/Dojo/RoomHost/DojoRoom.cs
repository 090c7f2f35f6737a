using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.Ot.WholeText;

namespace PocTracker.Dojo.RoomHost;

/// <summary>
/// The OT authority of one room (ot.js's <c>Server</c>): the document, its revision and the recent
/// log. Not thread-safe: its host gives it one writer. Pure, with no storage and no transport, so the
/// in-process host and a Dapr actor run the same rules. A submission is decided first and committed
/// only once the host has stored it: a refusal or a failed write leaves the room as it was.
/// </summary>
public sealed class DojoRoom
{
    private readonly TextDocument document;
    private readonly DojoRoomOptions options;

    // The document at oldestRevision: with the log after it, it gives the document at any revision
    // from there on (what a whole-text submission is diffed against). oldestRevision is
    // OldestTransformableRevision, except after a load with history (operations kept in the log
    // but never applied here): then it is the snapshot's revision until compaction catches up.
    private readonly TextDocument oldest;
    private int oldestRevision;

    // The accepted operations of revisions (Revision - log.Count + 1) .. Revision, in order.
    private readonly List<StoredOperation> log = [];

    // (client, seq) of the operations in the log, so a resubmission is answered without the database.
    private readonly Dictionary<(string ClientId, long Seq), int> recent = [];

    private DojoRoom(RoomSnapshot start, DojoRoomOptions options)
    {
        document = new TextDocument(start.Document);
        oldest = new TextDocument(start.Document);
        oldestRevision = start.Revision;
        Revision = start.Revision;
        this.options = options;
    }

    /// <summary>The number of operations the room has accepted.</summary>
    public int Revision { get; private set; }

    /// <summary>The oldest revision a submission may be based on and still be transformed forward.</summary>
    public int OldestTransformableRevision => Revision - log.Count;

    /// <summary>Operations accepted since the last snapshot (or load).</summary>
    public int SinceSnapshot { get; private set; }

    /// <summary>The room from its latest snapshot (or empty at revision 0) and the operations stored after it.</summary>
    public static DojoRoom Load(RoomSnapshot? snapshot, IEnumerable<StoredOperation> later, DojoRoomOptions options)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(options);
        var room = new DojoRoom(snapshot ?? new RoomSnapshot(0, ""), options);
        foreach (var operation in later)
        {
            room.Commit(operation);
        }

        room.SinceSnapshot = 0; // what was replayed is already stored; compaction counts new work.
        return room;
    }

    /// <summary>
    /// As <see cref="Load(RoomSnapshot?, IEnumerable{StoredOperation}, DojoRoomOptions)"/>, with the
    /// operations that led up to the snapshot (<paramref name="history"/>, ending at its revision)
    /// kept in the log without being applied: a client a little behind the snapshot is still
    /// transformed forward and its resubmissions still recognised after the room is loaded again.
    /// </summary>
    public static DojoRoom Load(RoomSnapshot? snapshot, IEnumerable<StoredOperation> later, DojoRoomOptions options, IReadOnlyList<StoredOperation> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var start = snapshot ?? new RoomSnapshot(0, "");
        var room = new DojoRoom(start, options);
        for (var i = 0; i < history.Count; i++)
        {
            var operation = history[i];
            if (operation.Revision != start.Revision - history.Count + 1 + i)
            {
                throw new InvalidOperationException($"History operation of revision {operation.Revision} does not lead up to revision {start.Revision}.");
            }

            room.log.Add(operation);
            room.recent[(operation.ClientId, operation.Seq)] = operation.Revision;
        }

        foreach (var operation in later ?? throw new ArgumentNullException(nameof(later)))
        {
            room.Commit(operation);
        }

        room.SinceSnapshot = 0;
        return room;
    }

    /// <summary>The whole document now.</summary>
    public RoomSnapshot Snapshot() => new(Revision, document.ToString());

    /// <summary>
    /// The accepted operations after <paramref name="revision"/>, oldest first, or null when the
    /// retained log no longer reaches back that far (a reader that far behind needs the snapshot).
    /// </summary>
    public IReadOnlyList<StoredOperation>? OperationsSince(int revision)
    {
        if (revision < OldestTransformableRevision || revision > Revision)
        {
            return null;
        }

        return log.GetRange(revision - OldestTransformableRevision, Revision - revision);
    }

    /// <summary>
    /// Decides what to do with <paramref name="submission"/>: transform it against every operation
    /// accepted since its revision (the client's operation first, as ot.js's server does) and check
    /// it against the document.
    /// </summary>
    /// <exception cref="RoomRefusedException">Bad input: the room is unchanged.</exception>
    public RoomDecision Decide(RoomSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (recent.TryGetValue((submission.ClientId, submission.Seq), out var revision))
        {
            return new RoomDecision.Duplicate(revision);
        }

        if (submission.Revision < 0 || submission.Revision > Revision)
        {
            throw new RoomRefusedException(DojoErrorCodes.InvalidRevision,
                $"Revision {submission.Revision} is not one of this room's (0 to {Revision}).");
        }

        if (submission.Revision < OldestTransformableRevision)
        {
            return new RoomDecision.Resync(Snapshot());
        }

        var operation = submission.Operation;
        CheckSize(operation);
        try
        {
            for (var i = submission.Revision - OldestTransformableRevision; i < log.Count; i++)
            {
                operation = TextOperation.TransformClient(operation, log[i].Operation);
            }
        }
        catch (TextOperationException exception) when (exception.Error == TextOperationError.TransformLengthMismatch)
        {
            throw BaseLengthMismatch(submission);
        }

        switch (document.Check(operation))
        {
            case TextOperationError.None:
                break;
            case TextOperationError.BaseLengthMismatch:
                throw BaseLengthMismatch(submission);
            case TextOperationError.SplitsSurrogatePair:
                throw new RoomRefusedException(DojoErrorCodes.SplitsSurrogatePair, "An operation boundary falls inside a surrogate pair.");
            case var other:
                throw new RoomRefusedException(DojoErrorCodes.MalformedOperation, $"The operation cannot be applied ({other}).");
        }

        if (operation.TargetLength > options.MaxDocumentLength)
        {
            throw new RoomRefusedException(DojoErrorCodes.DocumentTooLarge,
                $"The document would be {operation.TargetLength} code units long; the most is {options.MaxDocumentLength}.");
        }

        return new RoomDecision.Accept(new StoredOperation(Revision + 1, submission.ClientId, submission.Seq, operation));
    }

    /// <summary>
    /// Decides about a whole-text client's new text: the operation that turns the document at the
    /// submission's revision into that text (diff-match-patch, whole characters only), then
    /// <see cref="Decide"/> as for any operation, so idempotency, transforms and caps are the same.
    /// </summary>
    /// <exception cref="RoomRefusedException">Bad input: the room is unchanged.</exception>
    public RoomDecision DecideText(RoomTextSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (recent.TryGetValue((submission.ClientId, submission.Seq), out var revision))
        {
            return new RoomDecision.Duplicate(revision);
        }

        if (submission.Revision < 0 || submission.Revision > Revision)
        {
            throw new RoomRefusedException(DojoErrorCodes.InvalidRevision,
                $"Revision {submission.Revision} is not one of this room's (0 to {Revision}).");
        }

        if (submission.Revision < Math.Max(OldestTransformableRevision, oldestRevision))
        {
            return new RoomDecision.Resync(Snapshot()); // its text is no longer known here
        }

        var text = WholeTextDiff.Normalise(submission.Text);
        if (text.Length > options.MaxDocumentLength)
        {
            throw new RoomRefusedException(DojoErrorCodes.DocumentTooLarge,
                $"The text is {text.Length} code units long; the most is {options.MaxDocumentLength}.");
        }

        if (DocumentText.Check(text) is var refused and not TextOperationError.None)
        {
            throw new RoomRefusedException(DojoErrorCodes.InvalidText, DocumentText.Describe(refused));
        }

        var operation = WholeTextDiff.Diff(DocumentAt(submission.Revision), text, options.WholeTextDiffTimeout);
        return Decide(new RoomSubmission(submission.ConnectionId, submission.ClientId, submission.Seq, submission.Revision, operation));
    }

    /// <summary>The document at <paramref name="revision"/>, one the log still reaches (from the oldest document kept on).</summary>
    public string DocumentAt(int revision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(revision, Math.Max(OldestTransformableRevision, oldestRevision));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(revision, Revision);
        if (revision == Revision)
        {
            return document.ToString();
        }

        var at = new TextDocument(oldest.ToString());
        foreach (var operation in log)
        {
            if (operation.Revision > revision)
            {
                break;
            }

            if (operation.Revision > oldestRevision)
            {
                at.Apply(operation.Operation);
            }
        }

        return at.ToString();
    }

    /// <summary>Applies an accepted operation, once it is stored.</summary>
    public void Commit(StoredOperation accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"Operation of revision {accepted.Revision} committed at revision {Revision}.");
        }

        document.Apply(accepted.Operation);
        Revision = accepted.Revision;
        log.Add(accepted);
        recent[(accepted.ClientId, accepted.Seq)] = accepted.Revision;
        SinceSnapshot++;
    }

    /// <summary>After a snapshot: forget all but the last <see cref="DojoRoomOptions.RetainedOperations"/> operations.</summary>
    public void Compact()
    {
        SinceSnapshot = 0;
        var drop = log.Count - options.RetainedOperations;
        if (drop <= 0)
        {
            return;
        }

        foreach (var old in log.GetRange(0, drop))
        {
            recent.Remove((old.ClientId, old.Seq));
            if (old.Revision > oldestRevision) // history loaded with a snapshot is already in it
            {
                oldest.Apply(old.Operation);
                oldestRevision = old.Revision;
            }
        }

        log.RemoveRange(0, drop);
    }

    // Checked before transforming: transform cost grows with the components, and a transformed
    // operation inserts the same text as the original.
    private void CheckSize(TextOperation operation)
    {
        var components = operation.ComponentCount;
        if (components > options.MaxComponents)
        {
            throw new RoomRefusedException(DojoErrorCodes.OperationTooLarge,
                $"The operation has {components} components; the most is {options.MaxComponents}.");
        }

        // What the text may hold (no NUL, which PostgreSQL cannot store, no CR, ...) was checked when
        // the operation was read or built (DocumentText).
        var inserted = operation.InsertedLength;
        if (inserted > options.MaxInsertLength)
        {
            throw new RoomRefusedException(DojoErrorCodes.OperationTooLarge,
                $"The operation inserts {inserted} code units; the most is {options.MaxInsertLength}.");
        }
    }

    private static RoomRefusedException BaseLengthMismatch(RoomSubmission submission) =>
        new(DojoErrorCodes.BaseLengthMismatch,
            $"The operation's base length ({submission.Operation.BaseLength}) is not the document's length at revision {submission.Revision}.");
}
