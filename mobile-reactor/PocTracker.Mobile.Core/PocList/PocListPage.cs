using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;

namespace PocTracker.Mobile.Core.PocList;

/// <summary>What the person searches for: the web list's filters (docs/web.md, "POCs").</summary>
public sealed record PocQuery(string? Q = null, string? Language = null, IReadOnlyList<string>? Tags = null, bool AllTags = false, string Sort = "newest")
{
    /// <summary>The query as a cache key: same filters, same key (tags in their order of choice do not matter).</summary>
    public string CacheKey =>
        $"search|{Q?.Trim().ToUpperInvariant()}|{Language}|{string.Join(',', (Tags ?? []).Order(StringComparer.Ordinal))}|{(AllTags ? "all" : "any")}|{Sort}";

    /// <summary>Same search, same query (a record would compare the tag lists by reference, and the cache's copy is another list).</summary>
    public bool Equals(PocQuery? other) => other is not null && string.Equals(CacheKey, other.CacheKey, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CacheKey);

    /// <summary>True for the list the app opens on (no filter, newest first).</summary>
    public bool IsDefault => string.IsNullOrWhiteSpace(Q) && Language is null && (Tags ?? []).Count == 0 && Sort == "newest";

    public PocSearchFilters ToFilters() => new()
    {
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        Language = Language,
        Tags = (Tags ?? []).Count == 0 ? null : string.Join(',', Tags!),
        TagMode = (Tags ?? []).Count > 1 && AllTags ? "all" : null,
    };

    /// <summary>The server's sort name; <c>relevance</c> only means something with free text.</summary>
    public string SortForServer => Sort == "relevance" && string.IsNullOrWhiteSpace(Q) ? "newest" : Sort;
}

/// <summary>A search's results as last read from the server, kept on the device to show offline.</summary>
public sealed record CachedSearch(PocQuery Query, IReadOnlyList<PocDto> Items, string? NextCursor, int Total, DateTimeOffset AsOf);

/// <summary>Where the list's data comes from now.</summary>
public enum ListSource
{
    /// <summary>Nothing to show yet (first load on a new device).</summary>
    Loading,

    /// <summary>Fresh from the server.</summary>
    Server,

    /// <summary>From the device: the server cannot be reached; the page shows the offline banner and <see cref="PocListState.AsOf"/>.</summary>
    Cache,
}

/// <summary>An error the list shows (keys the view translates; no text in the state).</summary>
public enum ListError
{
    None,

    /// <summary>Offline, and this search was never cached.</summary>
    OfflineNothingCached,

    /// <summary>The server refused (see <see cref="PocListState.ProblemTitle"/>).</summary>
    Refused,

    /// <summary>A bug: a general error.</summary>
    Unexpected,
}

/// <summary>The list page's state.</summary>
public sealed record PocListState(
    PocQuery Query,
    IReadOnlyList<PocDto> Items,
    string? NextCursor,
    int Total,
    ListSource Source,
    DateTimeOffset? AsOf,
    bool Online,
    bool Refreshing,
    bool LoadingMore,
    PocFacets? Facets,
    IReadOnlyList<PendingEdit> Pending,
    ListError Error,
    string? ProblemTitle,
    bool SignedOut)
{
    public static PocListState Initial { get; } = new(new PocQuery(), [], null, 0, ListSource.Loading, null, true, true, false, null, [], ListError.None, null, false);

    /// <summary>The offline banner: what is shown came from the device.</summary>
    public bool ShowOfflineBanner => Source == ListSource.Cache || !Online;

    /// <summary>"Load more" is offered when the server has more and the page is online.</summary>
    public bool CanLoadMore => NextCursor is not null && Source == ListSource.Server && !LoadingMore;

    /// <summary>The queued edit of a POC (shown as pending on its card), if any.</summary>
    public PendingEdit? PendingFor(Guid pocId) => Pending.LastOrDefault(e => e.PocId == pocId);

    /// <summary>Creates queued offline, shown at the top of the list as pending.</summary>
    public IReadOnlyList<PendingEdit> PendingCreates => [.. Pending.Where(e => e.Kind == PendingKind.Create)];
}

/// <summary>What the list page hears.</summary>
public abstract record PocListMessage;

public sealed record SearchChanged(PocQuery Query) : PocListMessage;

public sealed record RefreshPulled : PocListMessage;

public sealed record LoadMoreTapped : PocListMessage;

/// <summary>From the MAUI side's connectivity events (never polled).</summary>
public sealed record ConnectivityChanged(bool Online) : PocListMessage;

public sealed record CachedResultsRead(PocQuery Query, CachedSearch? Cached) : PocListMessage;

public sealed record ResultsArrived(PocQuery Query, PocPage Page, DateTimeOffset At, bool Appended) : PocListMessage;

public sealed record FacetsArrived(PocFacets Facets) : PocListMessage;

public sealed record PendingRead(IReadOnlyList<PendingEdit> Pending) : PocListMessage;

public sealed record ListFailed(PocListEffect Effect, Failure Failure) : PocListMessage;

/// <summary>What the list page asks its effects runner for.</summary>
public abstract record PocListEffect;

/// <summary>Read the cached results of a query (shown at once, replaced by the server's).</summary>
public sealed record ReadCachedResults(PocQuery Query) : PocListEffect;

/// <summary>Search on the server (the first page, or the next after <paramref name="Cursor"/>), caching the first page.</summary>
public sealed record Search(PocQuery Query, string? Cursor) : PocListEffect;

public sealed record LoadFacets : PocListEffect;

/// <summary>Send the offline queue (back online) and read it back.</summary>
public sealed record SendPending : PocListEffect;

/// <summary>Read the offline queue to show the pending edits.</summary>
public sealed record ReadPending : PocListEffect;

/// <summary>
/// The POC list: search (free text, language, tags any/all, sort), "load more", pull to refresh, facets, the last
/// searches from the device with an offline banner when the server cannot be reached, and the queued edits shown as
/// pending. Back online, it sends the queue and searches again.
/// </summary>
public sealed class PocListPage : IPage<PocListState, PocListMessage, PocListEffect>
{
    public Transition<PocListState, PocListEffect> Start() =>
        Transition.To<PocListState, PocListEffect>(PocListState.Initial, new ReadCachedResults(PocListState.Initial.Query), new Search(PocListState.Initial.Query, null), new LoadFacets(), new ReadPending());

    public Transition<PocListState, PocListEffect> Update(PocListState state, PocListMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            SearchChanged changed => Transition.To<PocListState, PocListEffect>(
                state with { Query = changed.Query, Items = [], NextCursor = null, Total = 0, Source = ListSource.Loading, AsOf = null, Refreshing = true, Error = ListError.None, ProblemTitle = null },
                new ReadCachedResults(changed.Query), new Search(changed.Query, null)),
            RefreshPulled => Transition.To<PocListState, PocListEffect>(
                state with { Refreshing = true, Error = ListError.None }, new Search(state.Query, null), new LoadFacets(), new ReadPending()),
            LoadMoreTapped when state.CanLoadMore => Transition.To<PocListState, PocListEffect>(
                state with { LoadingMore = true }, new Search(state.Query, state.NextCursor)),
            LoadMoreTapped => Transition.To<PocListState, PocListEffect>(state),
            ConnectivityChanged { Online: true } when !state.Online => Transition.To<PocListState, PocListEffect>(
                state with { Online = true, Refreshing = true }, new SendPending(), new Search(state.Query, null), new LoadFacets()),
            ConnectivityChanged connectivity => Transition.To<PocListState, PocListEffect>(state with { Online = connectivity.Online }),
            CachedResultsRead { Cached: { } cached } read when read.Query == state.Query && state.Source != ListSource.Server =>
                Transition.To<PocListState, PocListEffect>(state with
                {
                    Items = cached.Items, NextCursor = cached.NextCursor, Total = cached.Total, Source = ListSource.Cache, AsOf = cached.AsOf, Error = ListError.None,
                }),
            CachedResultsRead => Transition.To<PocListState, PocListEffect>(state),
            ResultsArrived arrived when arrived.Query != state.Query => Transition.To<PocListState, PocListEffect>(state), // an older search's answer
            ResultsArrived arrived => Transition.To<PocListState, PocListEffect>(state with
            {
                Items = arrived.Appended ? [.. state.Items, .. arrived.Page.Items.Where(p => state.Items.All(i => i.Id != p.Id))] : arrived.Page.Items,
                NextCursor = arrived.Page.NextCursor,
                Total = arrived.Page.Total,
                Source = ListSource.Server,
                AsOf = arrived.At,
                Online = true,
                Refreshing = false,
                LoadingMore = false,
                Error = ListError.None,
                ProblemTitle = null,
            }),
            FacetsArrived facets => Transition.To<PocListState, PocListEffect>(state with { Facets = facets.Facets }),
            PendingRead pending => Transition.To<PocListState, PocListEffect>(state with { Pending = pending.Pending }),
            ListFailed failed => OnFailure(state, failed),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a list message."),
        };
    }

    public PocListMessage Failed(PocListEffect effect, Failure failure) => new ListFailed(effect, failure);

    private static Transition<PocListState, PocListEffect> OnFailure(PocListState state, ListFailed failed)
    {
        var stopped = state with { Refreshing = false, LoadingMore = false };
        if (failed.Effect is LoadFacets or SendPending or ReadPending or ReadCachedResults && failed.Failure.Kind != FailureKind.SignedOut)
        {
            return Transition.To<PocListState, PocListEffect>(stopped with { Online = stopped.Online && failed.Failure.Kind != FailureKind.Offline }); // facets and queue are extras: the list stays
        }

        return failed.Failure.Kind switch
        {
            FailureKind.SignedOut => Transition.To<PocListState, PocListEffect>(stopped with { SignedOut = true }),
            FailureKind.Offline => Transition.To<PocListState, PocListEffect>(stopped with
            {
                Online = false,
                Source = state.Source == ListSource.Server && failed.Effect is Search { Cursor: not null } ? ListSource.Server
                    : state.Source == ListSource.Loading ? ListSource.Loading : ListSource.Cache,
                Error = state.Source == ListSource.Loading ? ListError.OfflineNothingCached : ListError.None,
            }),
            FailureKind.Refused => Transition.To<PocListState, PocListEffect>(stopped with { Error = ListError.Refused, ProblemTitle = failed.Failure.Problem?.Title }),
            _ => Transition.To<PocListState, PocListEffect>(stopped with { Error = ListError.Unexpected }),
        };
    }
}
