using System.Runtime.CompilerServices;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.PocDetail;

/// <summary>Runs the detail page's effects.</summary>
public sealed class PocDetailEffects(IPocsApi pocs, SearchCache searches, PendingEditsQueue pending) : IEffects<PocDetailEffect, PocDetailMessage>
{
    public async IAsyncEnumerable<PocDetailMessage> RunAsync(PocDetailEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case LoadPoc load:
                yield return await LoadAsync(load.Id, cancellationToken).ConfigureAwait(false);
                break;
            case ReadDetailPending:
                yield return new DetailPendingRead(await pending.ReadAsync(cancellationToken).ConfigureAwait(false));
                break;
            case DeletePoc delete:
                await pocs.DeleteAsync(delete.Id, delete.Version, cancellationToken).ConfigureAwait(false);
                yield return new DeletedOnServer();
                break;
            case QueueDelete queue:
                await pending.AddAsync(PendingKind.Delete, queue.Id, queue.Version, null, cancellationToken).ConfigureAwait(false);
                yield return new DeleteWasQueued();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a detail effect.");
        }
    }

    private async Task<PocDetailMessage> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        PocDto poc;
        try
        {
            poc = await pocs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure.Of(e).Kind == FailureKind.Offline)
        {
            var known = await searches.KnownPocsAsync(cancellationToken).ConfigureAwait(false);
            return new PocRead(known.FirstOrDefault(p => p.Id == id), FromDevice: true);
        }

        return new PocRead(poc, FromDevice: false);
    }
}
