namespace PocTracker.Mobile.Core.PocList;

/// <summary>
/// The PocList texts (PocListText.resx, PocListText.pt-BR.resx), read through <c>IStringLocalizer&lt;PocListText&gt;</c>; the
/// constants are the keys, which the state carries instead of translated text.
/// </summary>
#pragma warning disable CA1724 // a marker type named after its folder's texts
public sealed class PocListText
#pragma warning restore CA1724
{
    public const string Title = nameof(Title);

    public const string Search = nameof(Search);

    public const string Language = nameof(Language);

    public const string Tags = nameof(Tags);

    public const string TagModeAny = nameof(TagModeAny);

    public const string TagModeAll = nameof(TagModeAll);

    public const string SortNewest = nameof(SortNewest);

    public const string SortOldest = nameof(SortOldest);

    public const string SortUpdated = nameof(SortUpdated);

    public const string SortName = nameof(SortName);

    public const string SortRelevance = nameof(SortRelevance);

    public const string LoadMore = nameof(LoadMore);

    public const string Total = nameof(Total);

    public const string NoResults = nameof(NoResults);

    public const string OfflineBanner = nameof(OfflineBanner);

    public const string AsOf = nameof(AsOf);

    public const string OfflineNothingCached = nameof(OfflineNothingCached);

    public const string Refused = nameof(Refused);

    public const string Unexpected = nameof(Unexpected);

    public const string PendingCreate = nameof(PendingCreate);

    public const string PendingChange = nameof(PendingChange);

    public const string NewPoc = nameof(NewPoc);

    public const string Loading = nameof(Loading);

    public const string EditsNotSent = nameof(EditsNotSent);

    public const string PendingNeedThePerson = nameof(PendingNeedThePerson);
}
