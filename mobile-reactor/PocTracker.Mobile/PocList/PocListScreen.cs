using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Account;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Dojo;
using PocTracker.Mobile.Platform;
using PocTracker.Mobile.PocDetail;
using PocTracker.Mobile.PocEdit;
using PocTracker.Mobile.Reports;
using PocTracker.Mobile.YearVideo;

namespace PocTracker.Mobile.PocList;

/// <summary>
/// The POCs: a search box, language and status filters (from the server's facets), the list (pull to refresh, more at
/// the end), and the offline banner when the list is the device cache's copy. Toolbar: new POC, reports, year video,
/// dojo, account. Every change is a message; what to fetch, and when, is the core's <c>PocListPage</c>.
/// </summary>
public sealed class PocListScreen : MvuPage<PocListState, PocListMessage, PocListEffect>
{
    protected override IPage<PocListState, PocListMessage, PocListEffect> CreatePage(IServiceProvider services) =>
        services.GetRequiredService<PocListPage>();

    protected override IEffects<PocListEffect, PocListMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PocListEffects>(services);

    protected override void OnMounted()
    {
        base.OnMounted();
        var connectivity = Services.GetRequiredService<ConnectivityWatch>();
        connectivity.Changed += OnConnectivityChanged;
        Dispatch(new PocListMessage.ConnectivityChanged(ConnectivityWatch.Online));
    }

    protected override void OnWillUnmount()
    {
        Services.GetRequiredService<ConnectivityWatch>().Changed -= OnConnectivityChanged;
        base.OnWillUnmount();
    }

    protected override void AfterChange(PocListState state)
    {
        if (state.Failure?.Kind == Core.Failures.FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(PocListState state) =>
        ContentPage(
            ToolbarItem(T("PocList.New")).OnClicked(async () => await Navigation.PushAsync<PocEditScreen, PocEditProps>(p => p.PocId = null)),
            ToolbarItem(T("Reports.Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<ReportsScreen>()),
            ToolbarItem(T("YearVideo.Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<YearVideoScreen>()),
            ToolbarItem(T("Dojo.Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<DojoScreen>()),
            ToolbarItem(T("Account.Title")).Order(MauiControls.ToolbarItemOrder.Secondary).OnClicked(async () => await Navigation.PushAsync<AccountScreen>()),
            Grid("Auto,Auto,Auto,Auto,*", "*",
                Common.OfflineBanner(state.Offline, state.PendingChanges)?.GridRow(0),
                SearchBar()
                    .Placeholder(T("PocList.SearchPlaceholder"))
                    .Text(state.Query)
                    .OnTextChanged(text => Dispatch(new PocListMessage.QueryChanged(text)))
                    .GridRow(1),
                Grid("Auto", "*,*",
                    FacetPicker(T("PocList.Language"), state.Languages, state.Language, value => Dispatch(new PocListMessage.LanguageChosen(value))),
                    FacetPicker(T("PocList.Status"), state.Statuses, state.Status, value => Dispatch(new PocListMessage.StatusChosen(value)))
                        .GridColumn(1))
                    .ColumnSpacing(8)
                    .Padding(8, 0)
                    .GridRow(2),
                Common.FailureLabel(state.Failure is { Kind: not Core.Failures.FailureKind.Offline } f ? f : null)?.GridRow(3),
                RefreshView(
                    CollectionView()
                        .ItemsSource(state.Items, RenderPoc)
                        .RemainingItemsThreshold(5)
                        .OnRemainingItemsThresholdReached(() => Dispatch(new PocListMessage.LoadMore()))
                        .EmptyView(Label(state.Loading ? T("PocList.Loading") : T("PocList.Empty")).Center()))
                    .IsRefreshing(state.Refreshing)
                    .OnRefreshing(() => Dispatch(new PocListMessage.Refresh()))
                    .GridRow(4)))
        .Title(T("PocList.Title"));

    /// <summary>A facet as a picker whose first entry is "all" (no filter).</summary>
    private static Picker FacetPicker(string title, IReadOnlyList<FacetCount> facets, string? chosen, Action<string?> choose)
    {
        var entries = new List<object> { T("PocList.All") };
        entries.AddRange(facets.Select(f => (object)$"{f.DisplayName} ({f.Count})"));
        var index = chosen is null ? 0 : 1 + facets.ToList().FindIndex(f => f.Value == chosen);
        return Picker()
            .Title(title)
            .ItemsSource(entries)
            .SelectedIndex(Math.Max(index, 0))
            .OnSelectedIndexChanged((int i) => choose(i <= 0 ? null : facets[i - 1].Value));
    }

    private VisualNode RenderPoc(PocDto poc) =>
        Border(
            VStack(spacing: 2,
                Label(poc.Name).FontAttributes(MauiControls.FontAttributes.Bold),
                Label($"{poc.LanguageDisplayName ?? poc.Language} · {T("Status." + poc.Status)}").FontSize(13).TextColor(AppTheme.Muted),
                poc.Tags.Count > 0 ? Label(string.Join(", ", poc.Tags)).FontSize(13).TextColor(AppTheme.Muted) : null),
            new TapGestureRecognizer(async () => await Navigation.PushAsync<PocDetailScreen, PocDetailProps>(p => p.PocId = poc.Id)))
        .Padding(12, 8)
        .Margin(8, 4)
        .StrokeThickness(0);

    private void OnConnectivityChanged(bool online) => Dispatch(new PocListMessage.ConnectivityChanged(online));

    /// <summary>A text of this page, from the core's PocListText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocListText>(key, arguments);
}
