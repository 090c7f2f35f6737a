using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocDetail;
using PocTracker.Mobile.Platform;
using PocTracker.Mobile.PocEdit;

namespace PocTracker.Mobile.PocDetail;

/// <summary>Which POC the detail page shows.</summary>
public sealed class PocDetailProps
{
    public Guid PocId { get; set; }
}

/// <summary>
/// One POC: its fields, edit and delete (with a confirmation the core's state asks for), and the offline banner when
/// what is shown is the device cache's copy. A POC deleted by someone else (404) closes the page.
/// </summary>
public sealed class PocDetailScreen : MvuPage<PocDetailState, PocDetailMessage, PocDetailEffect, PocDetailProps>
{
    protected override IPage<PocDetailState, PocDetailMessage, PocDetailEffect> CreatePage(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PocDetailPage>(services, Props.PocId);

    protected override IEffects<PocDetailEffect, PocDetailMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PocDetailEffects>(services);

    protected override void OnMounted()
    {
        base.OnMounted();
        Services.GetRequiredService<ConnectivityWatch>().Changed += OnConnectivityChanged;
        Dispatch(new PocDetailMessage.ConnectivityChanged(ConnectivityWatch.Online));
    }

    protected override void OnWillUnmount()
    {
        Services.GetRequiredService<ConnectivityWatch>().Changed -= OnConnectivityChanged;
        base.OnWillUnmount();
    }

    protected override void AfterChange(PocDetailState state)
    {
        if (state.Failure?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Deleted || state.Failure?.IsNotFound == true)
        {
            _ = Navigation?.PopAsync();
        }
    }

    protected override VisualNode RenderPage(PocDetailState state) =>
        ContentPage(
            state.Poc is { } poc
                ? ToolbarItem(T("PocDetail.Edit")).OnClicked(async () => await Navigation.PushAsync<PocEditScreen, PocEditProps>(p => p.PocId = poc.Id))
                : null,
            ScrollView(
                VStack(spacing: 12,
                    Common.OfflineBanner(state.Offline),
                    Common.FailureLabel(state.Failure is { Kind: not FailureKind.Offline } f ? f : null),
                    state.Poc is { } shown ? RenderPoc(shown) : ActivityIndicator().IsRunning(state.Loading),
                    state.Poc is null ? null : RenderDelete(state))
                .Padding(16)))
        .Title(state.Poc?.Name ?? T("PocDetail.Title"));

    private static VisualNode RenderPoc(PocDto poc) =>
        VStack(spacing: 8,
            Label(poc.Name).ThemeKey(AppTheme.Selector.Title),
            Field(T("Poc.Status"), T("Status." + poc.Status)),
            Field(T("Poc.Language"), poc.LanguageDisplayName ?? poc.Language),
            Field(T("Poc.Tags"), poc.Tags.Count > 0 ? string.Join(", ", poc.Tags) : null),
            Field(T("Poc.Description"), poc.Description),
            Field(T("Poc.Repository"), poc.RepositoryUrl),
            Field(T("Poc.StartedOn"), poc.StartedOn?.ToString("d", System.Globalization.CultureInfo.CurrentCulture)),
            Field(T("Poc.FinishedOn"), poc.FinishedOn?.ToString("d", System.Globalization.CultureInfo.CurrentCulture)),
            Field(T("Poc.Notes"), poc.Notes),
            Label(T("Poc.Updated", poc.UpdatedAt.LocalDateTime)).FontSize(12).TextColor(AppTheme.Muted));

    private static VisualNode? Field(string name, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : VStack(
                Label(name).FontSize(12).TextColor(AppTheme.Muted),
                Label(value));

    private VisualNode RenderDelete(PocDetailState state) =>
        state.ConfirmingDelete
            ? VStack(spacing: 8,
                Label(T("PocDetail.DeleteQuestion")),
                HStack(spacing: 8,
                    Button(Texts.T("Common.Cancel")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new PocDetailMessage.DeleteCancelled())),
                    Button(T("PocDetail.DeleteConfirm")).ThemeKey(AppTheme.Selector.Danger)
                        .IsEnabled(!state.Deleting)
                        .OnClicked(() => Dispatch(new PocDetailMessage.DeleteConfirmed()))))
            : Button(T("PocDetail.Delete")).ThemeKey(AppTheme.Selector.Danger)
                .OnClicked(() => Dispatch(new PocDetailMessage.DeleteTapped()));

    private void OnConnectivityChanged(bool online) => Dispatch(new PocDetailMessage.ConnectivityChanged(online));

    /// <summary>A text of this page, from the core's PocDetailText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocDetailText>(key, arguments);
}
