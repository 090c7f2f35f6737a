using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;

namespace PocTracker.Mobile.Core.PocDetail;

public enum DetailStatus
{
    Loading,
    Shown,

    /// <summary>Asking "delete this POC?".</summary>
    ConfirmingDelete,

    Deleting,

    /// <summary>Deleted on the server: the page closes.</summary>
    Deleted,

    /// <summary>Offline: the delete waits in the offline queue (shown as pending).</summary>
    DeleteQueued,

    /// <summary>Gone from the server (deleted by someone else), or offline and never cached.</summary>
    Unavailable,
}

/// <summary>
/// One POC. <see cref="FromDevice"/> when read from the cache offline; <see cref="DeleteConflict"/> after a 412 on
/// delete (the POC changed since it was shown: it is reloaded and the person decides again).
/// </summary>
public sealed record PocDetailState(
    Guid Id,
    PocDto? Poc,
    DetailStatus Status,
    bool FromDevice = false,
    bool DeleteConflict = false,
    IReadOnlyList<PendingEdit>? Pending = null,
    string? ProblemTitle = null,
    bool SignedOut = false)
{
    /// <summary>A queued edit of this POC not yet sent (shown as "pending").</summary>
    public PendingEdit? PendingEdit => Pending?.LastOrDefault(e => e.PocId == Id);
}

public abstract record PocDetailMessage;

public sealed record PocRead(PocDto? Poc, bool FromDevice) : PocDetailMessage;

public sealed record DetailPendingRead(IReadOnlyList<PendingEdit> Pending) : PocDetailMessage;

public sealed record DeleteTapped : PocDetailMessage;

public sealed record DeleteConfirmed : PocDetailMessage;

public sealed record DeleteDismissed : PocDetailMessage;

public sealed record DeletedOnServer : PocDetailMessage;

public sealed record DeleteWasQueued : PocDetailMessage;

public sealed record DetailRefreshPulled : PocDetailMessage;

public sealed record DetailFailed(PocDetailEffect Effect, Failure Failure) : PocDetailMessage;

public abstract record PocDetailEffect;

/// <summary>The POC from the server; from the device when offline.</summary>
public sealed record LoadPoc(Guid Id) : PocDetailEffect;

public sealed record ReadDetailPending : PocDetailEffect;

/// <summary>Delete if still at <paramref name="Version"/>.</summary>
public sealed record DeletePoc(Guid Id, int Version) : PocDetailEffect;

/// <summary>Offline: queue the delete.</summary>
public sealed record QueueDelete(Guid Id, int Version) : PocDetailEffect;

/// <summary>One POC's page; one instance per open POC.</summary>
public sealed class PocDetailPage(Guid id) : IPage<PocDetailState, PocDetailMessage, PocDetailEffect>
{
    public Transition<PocDetailState, PocDetailEffect> Start() =>
        Transition.To<PocDetailState, PocDetailEffect>(new PocDetailState(id, null, DetailStatus.Loading), new LoadPoc(id), new ReadDetailPending());

    public Transition<PocDetailState, PocDetailEffect> Update(PocDetailState state, PocDetailMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            PocRead { Poc: { } poc } read => To(state with { Poc = poc, FromDevice = read.FromDevice, Status = DetailStatus.Shown }),
            PocRead => To(state with { Poc = null, Status = DetailStatus.Unavailable }),
            DetailPendingRead pending => To(state with { Pending = pending.Pending }),
            DeleteTapped when state is { Status: DetailStatus.Shown, Poc: not null } => To(state with { Status = DetailStatus.ConfirmingDelete, DeleteConflict = false }),
            DeleteConfirmed when state is { Status: DetailStatus.ConfirmingDelete, Poc: { } poc } => Transition.To<PocDetailState, PocDetailEffect>(
                state with { Status = DetailStatus.Deleting }, state.FromDevice ? new QueueDelete(poc.Id, poc.Version) : new DeletePoc(poc.Id, poc.Version)),
            DeleteDismissed when state.Status == DetailStatus.ConfirmingDelete => To(state with { Status = DetailStatus.Shown }),
            DeleteTapped or DeleteConfirmed or DeleteDismissed => To(state),
            DeletedOnServer => To(state with { Status = DetailStatus.Deleted }),
            DeleteWasQueued => Transition.To<PocDetailState, PocDetailEffect>(state with { Status = DetailStatus.DeleteQueued }, new ReadDetailPending()),
            DetailRefreshPulled => Transition.To<PocDetailState, PocDetailEffect>(state, new LoadPoc(state.Id), new ReadDetailPending()),
            DetailFailed failed => OnFailure(state, failed),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a detail message."),
        };
    }

    public PocDetailMessage Failed(PocDetailEffect effect, Failure failure) => new DetailFailed(effect, failure);

    private static Transition<PocDetailState, PocDetailEffect> OnFailure(PocDetailState state, DetailFailed failed)
    {
        var failure = failed.Failure;
        return (failed.Effect, failure) switch
        {
            (_, { Kind: FailureKind.SignedOut }) => To(state with { SignedOut = true }),
            (ReadDetailPending, _) => To(state),
            (DeletePoc delete, { Kind: FailureKind.Offline }) => Transition.To<PocDetailState, PocDetailEffect>(state, new QueueDelete(delete.Id, delete.Version)),
            (DeletePoc, { IsConflict: true }) => Transition.To<PocDetailState, PocDetailEffect>(
                state with { Status = DetailStatus.Loading, DeleteConflict = true }, new LoadPoc(state.Id)),
            (DeletePoc, { IsNotFound: true }) => To(state with { Status = DetailStatus.Deleted }),
            (LoadPoc, { IsNotFound: true }) => To(state with { Poc = null, Status = DetailStatus.Unavailable }),
            _ => To(state with
            {
                Status = state.Poc is null ? DetailStatus.Unavailable : DetailStatus.Shown,
                ProblemTitle = failure.Problem?.Title ?? failure.Detail,
            }),
        };
    }

    private static Transition<PocDetailState, PocDetailEffect> To(PocDetailState state) => Transition.To<PocDetailState, PocDetailEffect>(state);
}
