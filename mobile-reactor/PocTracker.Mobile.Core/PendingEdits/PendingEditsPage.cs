using System.Runtime.CompilerServices;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.PendingEdits;

/// <summary>The "edits not sent" page's state: the queue, and whether a send is running.</summary>
public sealed record PendingEditsState(IReadOnlyList<PendingEdit> Edits, bool Sending, bool Offline = false, bool SignedOut = false)
{
    /// <summary>The edits that wait for the person (conflict, refusal, unsure create), shown first.</summary>
    public IReadOnlyList<PendingEdit> NeedingThePerson => [.. Edits.Where(e => e.NeedsThePerson)];
}

public abstract record PendingEditsMessage;

public sealed record QueueRead(IReadOnlyList<PendingEdit> Edits) : PendingEditsMessage;

public sealed record SendNowTapped : PendingEditsMessage;

/// <summary>Back online (the MAUI side's connectivity event): send.</summary>
public sealed record QueueConnectivityChanged(bool Online) : PendingEditsMessage;

/// <summary>"Send again" on an unsure create or a refused edit, with the fields as fixed by the person (null: as it was).</summary>
public sealed record SendAgainTapped(Guid EditId, PocWriteRequest? Fixed) : PendingEditsMessage;

public sealed record KeepMineOnConflictTapped(Guid EditId) : PendingEditsMessage;

/// <summary>"Take theirs" on a conflict, or "discard" on anything: the edit is forgotten.</summary>
public sealed record DiscardTapped(Guid EditId) : PendingEditsMessage;

public sealed record QueueFailed(PendingEditsEffect Effect, Failure Failure) : PendingEditsMessage;

public abstract record PendingEditsEffect;

public sealed record ReadQueue : PendingEditsEffect;

public sealed record SendQueue : PendingEditsEffect;

/// <summary>Changes one edit (per the person's choice) and then sends the queue.</summary>
public sealed record ResolveEdit(Guid EditId, Resolution Resolution, PocWriteRequest? Fixed = null) : PendingEditsEffect;

public enum Resolution
{
    SendAgain,
    KeepMine,
    Discard,
}

/// <summary>The queue as a page: what waits, and the person's choices for what cannot go on its own.</summary>
public sealed class PendingEditsPage : IPage<PendingEditsState, PendingEditsMessage, PendingEditsEffect>
{
    public Transition<PendingEditsState, PendingEditsEffect> Start() =>
        Transition.To<PendingEditsState, PendingEditsEffect>(new PendingEditsState([], false), new ReadQueue());

    public Transition<PendingEditsState, PendingEditsEffect> Update(PendingEditsState state, PendingEditsMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            QueueRead read => To(state with { Edits = read.Edits, Sending = false }),
            SendNowTapped or QueueConnectivityChanged { Online: true } when !state.Sending =>
                Transition.To<PendingEditsState, PendingEditsEffect>(state with { Sending = true, Offline = false }, new SendQueue()),
            QueueConnectivityChanged { Online: false } => To(state with { Offline = true }),
            SendNowTapped or QueueConnectivityChanged => To(state),
            SendAgainTapped again => Resolve(state, new ResolveEdit(again.EditId, Resolution.SendAgain, again.Fixed)),
            KeepMineOnConflictTapped keep => Resolve(state, new ResolveEdit(keep.EditId, Resolution.KeepMine)),
            DiscardTapped discard => Resolve(state, new ResolveEdit(discard.EditId, Resolution.Discard)),
            QueueFailed failed => To(state with
            {
                Sending = false,
                Offline = failed.Failure.Kind == FailureKind.Offline,
                SignedOut = failed.Failure.Kind == FailureKind.SignedOut,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a queue message."),
        };
    }

    public PendingEditsMessage Failed(PendingEditsEffect effect, Failure failure) => new QueueFailed(effect, failure);

    private static Transition<PendingEditsState, PendingEditsEffect> Resolve(PendingEditsState state, ResolveEdit effect) =>
        state.Edits.Any(e => e.Id == effect.EditId)
            ? Transition.To<PendingEditsState, PendingEditsEffect>(state with { Sending = true }, effect)
            : To(state);

    private static Transition<PendingEditsState, PendingEditsEffect> To(PendingEditsState state) => Transition.To<PendingEditsState, PendingEditsEffect>(state);
}

/// <summary>Runs the queue page's effects.</summary>
public sealed class PendingEditsEffects(PendingEditsQueue queue, IPocsApi pocs) : IEffects<PendingEditsEffect, PendingEditsMessage>
{
    public async IAsyncEnumerable<PendingEditsMessage> RunAsync(PendingEditsEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case ReadQueue:
                yield return new QueueRead(await queue.ReadAsync(cancellationToken).ConfigureAwait(false));
                break;
            case SendQueue:
                yield return new QueueRead(await queue.SendAsync(pocs, cancellationToken).ConfigureAwait(false));
                break;
            case ResolveEdit resolve:
                await (resolve.Resolution switch
                {
                    Resolution.SendAgain => queue.RetryAsync(resolve.EditId, resolve.Fixed, cancellationToken),
                    Resolution.KeepMine => queue.KeepMineAsync(resolve.EditId, cancellationToken),
                    _ => queue.DiscardAsync(resolve.EditId, cancellationToken),
                }).ConfigureAwait(false);
                yield return new QueueRead(resolve.Resolution == Resolution.Discard
                    ? await queue.ReadAsync(cancellationToken).ConfigureAwait(false)
                    : await queue.SendAsync(pocs, cancellationToken).ConfigureAwait(false));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a queue effect.");
        }
    }
}
