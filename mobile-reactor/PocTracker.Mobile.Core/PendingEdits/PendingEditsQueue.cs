using System.Net.Sockets;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.PendingEdits;

/// <summary>
/// The offline queue: edits made without a connection, kept in the <see cref="IDeviceCache"/> (so they survive the
/// app's restart) and sent in the order they were made when the server can be reached again. The rules
/// (docs/mobile.md, "The offline queue"): a 412 becomes a <see cref="PendingStatus.Conflict"/>; a 4xx refusal a
/// <see cref="PendingStatus.Refused"/>; a create whose answer was lost (the server has no idempotency key for
/// <c>POST /api/pocs</c>) an <see cref="PendingStatus.Unsure"/> that is never sent again without the person; an edit
/// waits while an earlier one on the same POC needs the person. One instance per app (a singleton): it serialises
/// every change to the queue.
/// </summary>
public sealed class PendingEditsQueue(IDeviceCache cache, TimeProvider time) : IDisposable
{
    internal const string Key = "pending-edits";

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The queue now, oldest first. A create left <see cref="PendingStatus.Sending"/> (the app stopped mid-send) reads as <see cref="PendingStatus.Unsure"/>.</summary>
    public async Task<IReadOnlyList<PendingEdit>> ReadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Queues an edit made offline; returns it.</summary>
    public Task<PendingEdit> AddAsync(PendingKind kind, Guid? pocId, int? version, PocWriteRequest? poc, CancellationToken cancellationToken)
    {
        var edit = new PendingEdit(Guid.NewGuid(), kind, pocId, version, poc, time.GetUtcNow());
        return ChangeAsync(queue => [.. queue, edit], edit, cancellationToken);
    }

    /// <summary>Forgets an edit (the person discarded it, took the server's version, or found their create already stored).</summary>
    public Task DiscardAsync(Guid editId, CancellationToken cancellationToken) =>
        ChangeAsync(queue => [.. queue.Where(e => e.Id != editId)], cancellationToken);

    /// <summary>"Keep mine" after a conflict: the edit goes again, made from the server's version this time.</summary>
    public Task KeepMineAsync(Guid editId, CancellationToken cancellationToken) =>
        ChangeAsync(queue => [.. queue.Select(e => e.Id == editId && e.Theirs is { } theirs
            ? e with { Status = PendingStatus.Waiting, Version = theirs.Version, Theirs = null, Problem = null }
            : e)], cancellationToken);

    /// <summary>Sends an unsure or refused edit again, with <paramref name="poc"/> as fixed by the person (or as it was).</summary>
    public Task RetryAsync(Guid editId, PocWriteRequest? poc, CancellationToken cancellationToken) =>
        ChangeAsync(queue => [.. queue.Select(e => e.Id == editId
            ? e with { Status = PendingStatus.Waiting, Poc = poc ?? e.Poc, Problem = null }
            : e)], cancellationToken);

    /// <summary>Empties the queue (signing out, confirmed by the person).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await cache.RemoveAsync(Key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Sends what waits, oldest first, and returns the queue after. Stops at the first edit the server cannot be
    /// reached for (the rest stay queued, in order); skips an edit while an earlier one on the same POC needs the person.
    /// </summary>
    public async Task<IReadOnlyList<PendingEdit>> SendAsync(IPocsApi pocs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var queue = (await LoadAsync(cancellationToken).ConfigureAwait(false)).ToList();
            var blocked = new HashSet<Guid>();
            for (var i = 0; i < queue.Count; i++)
            {
                var edit = queue[i];
                if (edit.NeedsThePerson || (edit.PocId is { } id && blocked.Contains(id)))
                {
                    if (edit.PocId is { } held)
                    {
                        blocked.Add(held);
                    }

                    continue;
                }

                if (edit.Kind == PendingKind.Create)
                {
                    // Written down before it goes: if the app dies with the request on its way, the next start sees it unsure.
                    queue[i] = edit with { Status = PendingStatus.Sending };
                    await SaveAsync(queue, cancellationToken).ConfigureAwait(false);
                }

                var outcome = await SendOneAsync(pocs, edit, cancellationToken).ConfigureAwait(false);
                if (outcome is null)
                {
                    queue.RemoveAt(i--);
                }
                else if (outcome.Status == PendingStatus.Waiting)
                {
                    queue[i] = outcome;
                    await SaveAsync(queue, cancellationToken).ConfigureAwait(false);
                    return queue; // offline again: the rest waits, in order
                }
                else
                {
                    queue[i] = outcome;
                    if (edit.PocId is { } held)
                    {
                        blocked.Add(held);
                    }
                }

                await SaveAsync(queue, cancellationToken).ConfigureAwait(false);
            }

            return queue;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Null when the server took it; otherwise the edit with its new status.</summary>
    private static async Task<PendingEdit?> SendOneAsync(IPocsApi pocs, PendingEdit edit, CancellationToken cancellationToken)
    {
        try
        {
            switch (edit.Kind)
            {
                case PendingKind.Create:
                    await pocs.CreateAsync(edit.Poc!, cancellationToken).ConfigureAwait(false);
                    break;
                case PendingKind.Update:
                    await pocs.UpdateAsync(edit.PocId!.Value, edit.Version!.Value, edit.Poc!, cancellationToken).ConfigureAwait(false);
                    break;
                case PendingKind.Delete:
                    await pocs.DeleteAsync(edit.PocId!.Value, edit.Version!.Value, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"No such pending edit kind: {edit.Kind}.");
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = Failure.Of(e);
            if (failure.IsNotFound && edit.Kind == PendingKind.Delete)
            {
                return null; // already gone: what the person wanted
            }

            if (failure.IsConflict && edit.PocId is { } id)
            {
                var theirs = await TryGetAsync(pocs, id, cancellationToken).ConfigureAwait(false);
                return edit with { Status = PendingStatus.Conflict, Theirs = theirs, Problem = failure.Problem };
            }

            return failure.Kind switch
            {
                FailureKind.Refused => edit with { Status = PendingStatus.Refused, Problem = failure.Problem },
                FailureKind.Offline when edit.Kind == PendingKind.Create && !NeverReachedTheServer(e) => edit with { Status = PendingStatus.Unsure },
                _ => edit with { Status = PendingStatus.Waiting }, // offline, or signed out: sent next time
            };
        }
    }

    /// <summary>True for failures that prove the request never left (no connection made), so a create can go again.</summary>
    private static bool NeverReachedTheServer(Exception e) =>
        e is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain } }
        || e is SignedOutException;

    private static async Task<PocDto?> TryGetAsync(IPocsApi pocs, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await pocs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure.Of(e).Kind is not FailureKind.Unexpected)
        {
            return null; // deleted meanwhile, or gone offline: the conflict shows without their version
        }
    }

    private async Task<PendingEdit> ChangeAsync(Func<IReadOnlyList<PendingEdit>, IReadOnlyList<PendingEdit>> change, PendingEdit result, CancellationToken cancellationToken)
    {
        await ChangeAsync(change, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task ChangeAsync(Func<IReadOnlyList<PendingEdit>, IReadOnlyList<PendingEdit>> change, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SaveAsync(change(await LoadAsync(cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<PendingEdit>> LoadAsync(CancellationToken cancellationToken)
    {
        var queue = await cache.ReadAsync(Key, MobileJson.Default.IReadOnlyListPendingEdit, cancellationToken).ConfigureAwait(false) ?? [];
        return [.. queue.Select(e => e.Status == PendingStatus.Sending ? e with { Status = PendingStatus.Unsure } : e)];
    }

    private Task SaveAsync(IReadOnlyList<PendingEdit> queue, CancellationToken cancellationToken) =>
        cache.WriteAsync(Key, queue, MobileJson.Default.IReadOnlyListPendingEdit, cancellationToken);
}
