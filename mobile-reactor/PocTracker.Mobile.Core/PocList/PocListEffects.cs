using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.PocList;

/// <summary>Runs the list page's effects: the server through <see cref="IPocsApi"/>, the cached searches, the offline queue.</summary>
public sealed class PocListEffects(IPocsApi pocs, SearchCache searches, PendingEditsQueue pending, TimeProvider time) : IEffects<PocListEffect, PocListMessage>
{
    public async IAsyncEnumerable<PocListMessage> RunAsync(PocListEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case ReadCachedResults read:
                yield return new CachedResultsRead(read.Query, await searches.ReadAsync(read.Query, cancellationToken).ConfigureAwait(false));
                break;
            case Search search:
                var page = await pocs.SearchAsync(search.Query.ToFilters(), search.Query.SortForServer, null, search.Cursor, cancellationToken).ConfigureAwait(false);
                var at = time.GetUtcNow();
                if (search.Cursor is null)
                {
                    await searches.WriteAsync(new CachedSearch(search.Query, page.Items, page.NextCursor, page.Total, at), cancellationToken).ConfigureAwait(false);
                }

                yield return new ResultsArrived(search.Query, page, at, search.Cursor is not null);
                break;
            case LoadFacets:
                yield return new FacetsArrived(await pocs.GetFacetsAsync(cancellationToken).ConfigureAwait(false));
                break;
            case SendPending:
                yield return new PendingRead(await pending.SendAsync(pocs, cancellationToken).ConfigureAwait(false));
                break;
            case ReadPending:
                yield return new PendingRead(await pending.ReadAsync(cancellationToken).ConfigureAwait(false));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a list effect.");
        }
    }
}
