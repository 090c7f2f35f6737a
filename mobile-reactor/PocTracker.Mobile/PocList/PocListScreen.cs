using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Account;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Mobile.Dojo;
using PocTracker.Mobile.PendingEdits;
using PocTracker.Mobile.Platform;
using PocTracker.Mobile.PocDetail;
using PocTracker.Mobile.PocEdit;
using PocTracker.Mobile.Reports;
using PocTracker.Mobile.YearVideo;

namespace PocTracker.Mobile.PocList;

/// <summary>
/// The POCs: a search box (sent on the keyboard's search key, or when cleared), a language filter from the server's
/// facets, the list (pull to refresh, more at the end), POCs created offline and not yet sent, and the offline banner
/// when what is shown is the device cache's copy. Toolbar: new POC, reports, year video, dojo, account. What to fetch,
/// and when, is the core's <see cref="PocListPage"/>.
/// </summary>
public sealed class PocListScreen : MvuPage<PocListState, PocListMessage, PocListEffect>
{
    private const string SearchDraft = "q";

    protected override IPage<PocListState, PocListMessage, PocListEffect> CreatePage(IServiceProvider services) =>
        new PocListPage();

    protected override IEffects<PocListEffect, PocListMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PocListEffects>(services);

    protected override void OnMounted()
    {
        base.OnMounted();
        Services.GetRequiredService<ConnectivityWatch>().Changed += OnConnectivityChanged;
        Dispatch(new ConnectivityChanged(ConnectivityWatch.Online));
    }

    protected override void OnWillUnmount()
    {
        Services.GetRequiredService<ConnectivityWatch>().Changed -= OnConnectivityChanged;
        base.OnWillUnmount();
    }

    protected override void AfterChange(PocListState state)
    {
        if (state.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(PocListState state) =>
        ContentPage(
            ToolbarItem(T(PocListText.NewPoc)).OnClicked(async () => await Navigation.PushAsync<PocEditScreen, PocEditProps>(p => p.PocId = null)),
            ToolbarItem(Texts.T<ReportsText>("Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<ReportsScreen>()),
            ToolbarItem(Texts.T<YearVideoText>("Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<YearVideoScreen>()),
            ToolbarItem(Texts.T<DojoText>("Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<DojoScreen>()),
            ToolbarItem(Texts.T<AccountText>("Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<AccountScreen>()),
            Grid("Auto,Auto,Auto,Auto,Auto,*", "*",
                state.ShowOfflineBanner ? RenderOffline(state).GridRow(0) : null,
                state.Pending.Count > 0 ? RenderPendingBanner(state).GridRow(1) : null,
                SearchBar()
                    .Placeholder(T(PocListText.Search))
                    .Text(Draft(SearchDraft))
                    .OnTextChanged(text =>
                    {
                        SetDraft(SearchDraft, text);
                        if (text.Length == 0 && !string.IsNullOrEmpty(state.Query.Q))
                        {
                            Dispatch(new SearchChanged(state.Query with { Q = null }));
                        }
                    })
                    .OnSearchButtonPressed(() => Dispatch(new SearchChanged(state.Query with { Q = Draft(SearchDraft) })))
                    .GridRow(2),
                Grid("Auto", "*,*",
                    LanguagePicker(state),
                    SortPicker(state).GridColumn(1))
                    .ColumnSpacing(8)
                    .Margin(8, 0)
                    .GridRow(3),
                RenderError(state)?.GridRow(4),
                RefreshView(
                    CollectionView()
                        .ItemsSource(state.Items, poc => RenderPoc(state, poc))
                        .RemainingItemsThreshold(5)
                        .OnRemainingItemsThresholdReached(() => Dispatch(new LoadMoreTapped()))
                        .Header(RenderPendingCreates(state))
                        .Footer(RenderFooter(state))
                        .EmptyView(Label(state.Source == ListSource.Loading ? T(PocListText.Loading) : T(PocListText.NoResults)).Center()))
                    .IsRefreshing(state.Refreshing)
                    .OnRefreshing(() => Dispatch(new RefreshPulled()))
                    .GridRow(5)))
        .Title(T(PocListText.Title));

    private static VisualNode RenderOffline(PocListState state) =>
        Label(T(PocListText.OfflineBanner)
                + (state.AsOf is { } asOf ? " " + T(PocListText.AsOf, asOf.LocalDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture)) : ""))
            .BackgroundColor(AppTheme.Warning)
            .TextColor(Colors.White)
            .Padding(12, 6);

    /// <summary>
    /// Edits made offline still in the queue: a tap opens them (<see cref="PendingEditsScreen"/>), where the person
    /// decides those the queue cannot send alone (a conflict, a refusal, a create whose answer was lost).
    /// </summary>
    private VisualNode RenderPendingBanner(PocListState state)
    {
        var needingThePerson = state.Pending.Count(e => e.NeedsThePerson);
        return Label(
                needingThePerson > 0 ? T(PocListText.PendingNeedThePerson, needingThePerson) : T(PocListText.EditsNotSent, state.Pending.Count),
                new TapGestureRecognizer(async () => await Navigation.PushAsync<PendingEditsScreen>()))
            .BackgroundColor(needingThePerson > 0 ? AppTheme.Warning : AppTheme.Muted)
            .TextColor(Colors.White)
            .Padding(12, 6);
    }

    private static VisualNode? RenderError(PocListState state) => state.Error switch
    {
        ListError.None => null,
        ListError.OfflineNothingCached => Label(T(PocListText.OfflineNothingCached)).ThemeKey(AppTheme.Selector.Error).Padding(12, 4),
        ListError.Refused => Label(T(PocListText.Refused, state.ProblemTitle ?? "")).ThemeKey(AppTheme.Selector.Error).Padding(12, 4),
        _ => Label(T(PocListText.Unexpected)).ThemeKey(AppTheme.Selector.Error).Padding(12, 4),
    };

    /// <summary>The languages of the facets as a picker whose first entry is "all languages" (no filter).</summary>
    private Picker LanguagePicker(PocListState state)
    {
        var languages = state.Facets?.Languages ?? [];
        var entries = new List<object> { "—" };
        entries.AddRange(languages.Select(f => (object)$"{f.DisplayName} ({f.Count})"));
        var chosen = state.Query.Language is null ? 0 : 1 + languages.ToList().FindIndex(f => f.Value == state.Query.Language);
        return Picker()
            .Title(T(PocListText.Language))
            .ItemsSource(entries)
            .SelectedIndex(Math.Max(chosen, 0))
            .OnSelectedIndexChanged((int i) =>
            {
                var language = i <= 0 || i > languages.Count ? null : languages[i - 1].Value;
                if (language != state.Query.Language)
                {
                    Dispatch(new SearchChanged(state.Query with { Language = language }));
                }
            });
    }

    /// <summary>The order of the list; "relevance" only means something with a search text (the core then asks for newest).</summary>
    private Picker SortPicker(PocListState state)
    {
        string[] sorts = ["newest", "oldest", "updated", "name", "relevance"];
        string[] keys = [PocListText.SortNewest, PocListText.SortOldest, PocListText.SortUpdated, PocListText.SortName, PocListText.SortRelevance];
        return Picker()
            .ItemsSource(keys.Select(k => (object)T(k)).ToList())
            .SelectedIndex(Math.Max(Array.IndexOf(sorts, state.Query.Sort), 0))
            .OnSelectedIndexChanged((int i) =>
            {
                if (i >= 0 && sorts[i] != state.Query.Sort)
                {
                    Dispatch(new SearchChanged(state.Query with { Sort = sorts[i] }));
                }
            });
    }

    /// <summary>How many POCs match, and a button for the next page where scrolling to the end is not enough.</summary>
    private VisualNode RenderFooter(PocListState state) =>
        VStack(spacing: 4,
            state.Total > 0 ? Label(T(PocListText.Total, state.Total)).FontSize(12).TextColor(AppTheme.Muted) : null,
            state.CanLoadMore
                ? Button(T(PocListText.LoadMore)).ThemeKey(AppTheme.Selector.Secondary).OnClicked(() => Dispatch(new LoadMoreTapped()))
                : null,
            state.LoadingMore ? ActivityIndicator().IsRunning(true) : null)
        .Padding(16, 8);

    /// <summary>POCs created offline, at the top until the queue has sent them.</summary>
    private static VisualNode RenderPendingCreates(PocListState state) =>
        VStack(state.PendingCreates.Select(edit => (VisualNode?)Label(T(PocListText.PendingCreate) + ": " + (edit.Poc?.Name ?? "")).FontSize(13).TextColor(AppTheme.Muted).Padding(16, 4)).ToArray());

    private VisualNode RenderPoc(PocListState state, PocDto poc) =>
        Border(
            VStack(spacing: 2,
                Label(poc.Name).FontAttributes(MauiControls.FontAttributes.Bold),
                Label($"{poc.LanguageDisplayName ?? poc.Language} · {poc.Status}").FontSize(13).TextColor(AppTheme.Muted),
                poc.Tags.Count > 0 ? Label(string.Join(", ", poc.Tags)).FontSize(13).TextColor(AppTheme.Muted) : null,
                state.PendingFor(poc.Id) is { } pending ? Label(T(PocListText.PendingChange)).FontSize(12).TextColor(AppTheme.Warning) : null),
            new TapGestureRecognizer(async () => await Navigation.PushAsync<PocDetailScreen, PocDetailProps>(p => p.PocId = poc.Id)))
        .Padding(12, 8)
        .Margin(8, 4)
        .StrokeThickness(0);

    private void OnConnectivityChanged(bool online) => Dispatch(new ConnectivityChanged(online));

    /// <summary>A text of this page, from the core's PocListText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocListText>(key, arguments);
}
