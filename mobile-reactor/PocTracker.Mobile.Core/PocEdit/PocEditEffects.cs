using System.Runtime.CompilerServices;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.PocEdit;

/// <summary>Runs the form's effects: the server (GitHub's preview too), the device's cached POCs, the offline queue.</summary>
public sealed class PocEditEffects(IPocsApi pocs, SearchCache searches, PendingEditsQueue pending) : IEffects<PocEditEffect, PocEditMessage>
{
    public async IAsyncEnumerable<PocEditMessage> RunAsync(PocEditEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case LoadPocToEdit load:
                yield return await LoadAsync(load.Id, cancellationToken).ConfigureAwait(false);
                break;
            case ReadKnownPocs:
                yield return new KnownPocsRead(await searches.KnownPocsAsync(cancellationToken).ConfigureAwait(false));
                break;
            case SavePoc { Id: null } create:
                yield return new SavedOnServer(await pocs.CreateAsync(create.Poc, cancellationToken).ConfigureAwait(false));
                break;
            case SavePoc update:
                yield return new SavedOnServer(await pocs.UpdateAsync(update.Id!.Value, update.Version!.Value, update.Poc, cancellationToken).ConfigureAwait(false));
                break;
            case QueueSave queue:
                await pending.AddAsync(queue.Id is null ? PendingKind.Create : PendingKind.Update, queue.Id, queue.Version, queue.Poc, cancellationToken).ConfigureAwait(false);
                yield return new SaveQueued();
                break;
            case ReadGitHubRepository github:
                yield return new GitHubRepositoryRead(await pocs.PreviewFromGitHubAsync(github.Url, cancellationToken).ConfigureAwait(false));
                break;
            case LoadTheirs theirs:
                yield return new TheirsRead(await pocs.GetAsync(theirs.Id, cancellationToken).ConfigureAwait(false));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a form effect.");
        }
    }

    private async Task<PocEditMessage> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        PocDto poc;
        try
        {
            poc = await pocs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure.Of(e).Kind == FailureKind.Offline)
        {
            var known = await searches.KnownPocsAsync(cancellationToken).ConfigureAwait(false);
            return new PocToEditRead(known.FirstOrDefault(p => p.Id == id), FromDevice: true);
        }

        return new PocToEditRead(poc, FromDevice: false);
    }
}
