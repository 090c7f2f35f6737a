using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Platform;

namespace PocTracker.Mobile.PendingEdits;

/// <summary>
/// The edits made offline and not sent yet, those that need the person first: a create whose answer was lost (send
/// again or discard), a refused edit (send again or discard), a conflict (keep mine or take theirs); the others wait
/// for the next send and can be discarded. "Send now" sends the queue; back online, the core sends it by itself.
/// What is sent, and when, is the core's <see cref="PendingEditsPage"/>.
/// </summary>
public sealed class PendingEditsScreen : MvuPage<PendingEditsState, PendingEditsMessage, PendingEditsEffect>
{
    protected override IPage<PendingEditsState, PendingEditsMessage, PendingEditsEffect> CreatePage(IServiceProvider services) =>
        services.GetRequiredService<PendingEditsPage>();

    protected override IEffects<PendingEditsEffect, PendingEditsMessage> CreateEffects(IServiceProvider services) =>
        services.GetRequiredService<PendingEditsEffects>();

    protected override void OnMounted()
    {
        base.OnMounted();
        Services.GetRequiredService<ConnectivityWatch>().Changed += OnConnectivityChanged;
        if (!ConnectivityWatch.Online)
        {
            // Only "offline" is told at opening: "online" would send the queue the moment the page opens.
            Dispatch(new QueueConnectivityChanged(false));
        }
    }

    protected override void OnWillUnmount()
    {
        Services.GetRequiredService<ConnectivityWatch>().Changed -= OnConnectivityChanged;
        base.OnWillUnmount();
    }

    protected override void AfterChange(PendingEditsState state)
    {
        if (state.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(PendingEditsState state) =>
        ContentPage(
            // The core ignores it while a send runs.
            ToolbarItem(T(PendingEditsText.SendNow)).OnClicked(() => Dispatch(new SendNowTapped())),
            Grid("Auto,Auto,*", "*",
                state.Offline
                    ? Label(T(PendingEditsText.Offline)).BackgroundColor(AppTheme.Warning).TextColor(Colors.White).Padding(12, 6).GridRow(0)
                    : null,
                state.Sending ? ActivityIndicator().IsRunning(true).Margin(8).GridRow(1) : null,
                CollectionView()
                    // Those waiting for the person first, then the rest in the queue's order (the order they are sent in).
                    .ItemsSource(state.NeedingThePerson.Concat(state.Edits.Where(e => !e.NeedsThePerson)).ToList(), edit => RenderEdit(state, edit))
                    .EmptyView(Label(T(PendingEditsText.Empty)).Center())
                    .GridRow(2)))
        .Title(T(PendingEditsText.Title));

    private VisualNode RenderEdit(PendingEditsState state, PendingEdit edit) =>
        Border(
            VStack(spacing: 4,
                Label(KindText(edit.Kind) + ": " + (edit.Poc?.Name ?? edit.Theirs?.Name ?? ""))
                    .FontAttributes(MauiControls.FontAttributes.Bold),
                Label(edit.QueuedAt.LocalDateTime.ToString("g", CultureInfo.CurrentCulture)).FontSize(12).TextColor(AppTheme.Muted),
                Label(StatusText(edit)).FontSize(13).TextColor(edit.NeedsThePerson ? AppTheme.Warning : AppTheme.Muted),
                edit is { Status: PendingStatus.Conflict, Theirs: { } theirs }
                    ? Label(T(PendingEditsText.Theirs, theirs.UpdatedAt.LocalDateTime.ToString("g", CultureInfo.CurrentCulture))).FontSize(12).TextColor(AppTheme.Muted)
                    : null,
                RenderActions(state, edit)))
        .Padding(12, 8)
        .Margin(8, 4)
        .StrokeThickness(0);

    private static string KindText(PendingKind kind) => kind switch
    {
        PendingKind.Create => T(PendingEditsText.KindCreate),
        PendingKind.Delete => T(PendingEditsText.KindDelete),
        _ => T(PendingEditsText.KindUpdate),
    };

    private static string StatusText(PendingEdit edit) => edit.Status switch
    {
        PendingStatus.Sending => T(PendingEditsText.Sending),
        PendingStatus.Unsure => T(PendingEditsText.Unsure),
        PendingStatus.Conflict => T(PendingEditsText.Conflict),
        PendingStatus.Refused => T(PendingEditsText.Refused, edit.Problem?.Title ?? edit.Problem?.Detail ?? ""),
        _ => T(PendingEditsText.Waiting),
    };

    /// <summary>What the edit's status lets the person do; nothing while a send runs (the queue is being changed).</summary>
    private HStack? RenderActions(PendingEditsState state, PendingEdit edit) => edit.Status switch
    {
        PendingStatus.Sending => null,
        PendingStatus.Conflict => HStack(spacing: 8,
            Button(T(PendingEditsText.KeepMine)).IsEnabled(!state.Sending)
                .OnClicked(() => Dispatch(new KeepMineOnConflictTapped(edit.Id))),
            Button(T(PendingEditsText.TakeTheirs)).ThemeKey(AppTheme.Selector.Secondary).IsEnabled(!state.Sending)
                .OnClicked(() => Dispatch(new DiscardTapped(edit.Id)))),
        PendingStatus.Unsure or PendingStatus.Refused => HStack(spacing: 8,
            Button(T(PendingEditsText.SendAgain)).IsEnabled(!state.Sending)
                .OnClicked(() => Dispatch(new SendAgainTapped(edit.Id, null))),
            Button(T(PendingEditsText.Discard)).ThemeKey(AppTheme.Selector.Danger).IsEnabled(!state.Sending)
                .OnClicked(() => Dispatch(new DiscardTapped(edit.Id)))),
        _ => HStack(spacing: 8,
            Button(T(PendingEditsText.Discard)).ThemeKey(AppTheme.Selector.Danger).IsEnabled(!state.Sending)
                .OnClicked(() => Dispatch(new DiscardTapped(edit.Id)))),
    };

    private void OnConnectivityChanged(bool online) => Dispatch(new QueueConnectivityChanged(online));

    /// <summary>A text of this page, from the core's PendingEditsText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PendingEditsText>(key, arguments);
}
