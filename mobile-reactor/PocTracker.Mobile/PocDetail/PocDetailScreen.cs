using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocDetail;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.PocEdit;

namespace PocTracker.Mobile.PocDetail;

/// <summary>Which POC the detail page shows.</summary>
public sealed class PocDetailProps
{
    public Guid PocId { get; set; }
}

/// <summary>
/// One POC: its fields (pull to refresh), edit, and delete with a confirmation (again after a conflict, showing the
/// latest version). The offline banner when what is shown is the device cache's copy; offline, a delete is queued.
/// Deleted (here or by someone else) or queued, the page closes.
/// </summary>
public sealed class PocDetailScreen : MvuPage<PocDetailState, PocDetailMessage, PocDetailEffect, PocDetailProps>
{
    protected override IPage<PocDetailState, PocDetailMessage, PocDetailEffect> CreatePage(IServiceProvider services) =>
        new PocDetailPage(Props.PocId);

    protected override IEffects<PocDetailEffect, PocDetailMessage> CreateEffects(IServiceProvider services) =>
        services.GetRequiredService<PocDetailEffects>();

    protected override void AfterChange(PocDetailState state)
    {
        if (state.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Status is DetailStatus.Deleted or DetailStatus.DeleteQueued)
        {
            _ = Navigation?.PopAsync();
        }
    }

    protected override VisualNode RenderPage(PocDetailState state) =>
        ContentPage(
            state.Poc is { } poc && state.Status == DetailStatus.Shown
                ? ToolbarItem(T(PocDetailText.Edit)).OnClicked(async () => await Navigation.PushAsync<PocEditScreen, PocEditProps>(p => p.PocId = poc.Id))
                : null,
            RefreshView(
                ScrollView(
                    VStack(spacing: 12,
                        state.FromDevice ? Banner(T(PocDetailText.FromDevice)) : null,
                        state.PendingEdit is not null ? Banner(T(PocDetailText.Pending)) : null,
                        state.ProblemTitle is { } problem ? Label(problem).ThemeKey(AppTheme.Selector.Error) : null,
                        state.Status switch
                        {
                            DetailStatus.Loading => ActivityIndicator().IsRunning(true),
                            DetailStatus.Unavailable => Label(T(PocDetailText.Unavailable)),
                            _ when state.Poc is { } shown => RenderPoc(shown),
                            _ => null,
                        },
                        state.Poc is { } toDelete ? RenderDelete(state, toDelete) : null)
                    .Padding(16)))
                .IsRefreshing(false)
                .OnRefreshing(() => Dispatch(new DetailRefreshPulled())))
        .Title(state.Poc?.Name ?? "");

    private static VisualNode Banner(string text) =>
        Label(text).BackgroundColor(AppTheme.Warning).TextColor(Colors.White).Padding(12, 6);

    private static VisualNode RenderPoc(PocDto poc) =>
        VStack(spacing: 8,
            Label(poc.Name).ThemeKey(AppTheme.Selector.Title),
            Field(PocEditText.FieldStatus, poc.Status),
            Field(PocEditText.FieldLanguage, poc.LanguageDisplayName ?? poc.Language),
            Field(PocEditText.FieldTags, poc.Tags.Count > 0 ? string.Join(", ", poc.Tags) : null),
            Field(PocEditText.FieldDescription, poc.Description),
            Field(PocEditText.FieldRepositoryUrl, poc.RepositoryUrl),
            Field(PocEditText.FieldStartedOn, poc.StartedOn?.ToString("d", CultureInfo.CurrentCulture)),
            Field(PocEditText.FieldFinishedOn, poc.FinishedOn?.ToString("d", CultureInfo.CurrentCulture)),
            Field(PocEditText.FieldNotes, poc.Notes),
            Label(poc.UpdatedAt.LocalDateTime.ToString("g", CultureInfo.CurrentCulture)).FontSize(12).TextColor(AppTheme.Muted));

    /// <summary>A field with the form's label for it (the edit page's texts name every field).</summary>
    private static VisualNode? Field(string label, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : VStack(
                Label(Texts.T<PocEditText>(label)).FontSize(12).TextColor(AppTheme.Muted),
                Label(value));

    private VisualNode RenderDelete(PocDetailState state, PocDto poc) => state.Status switch
    {
        DetailStatus.ConfirmingDelete => VStack(spacing: 8,
            Label(state.DeleteConflict ? T(PocDetailText.DeleteConflict) : T(PocDetailText.DeleteConfirmTitle)).FontAttributes(MauiControls.FontAttributes.Bold),
            Label(T(PocDetailText.DeleteConfirmBody, poc.Name)),
            HStack(spacing: 8,
                Button(T(PocDetailText.DeleteCancel)).ThemeKey(AppTheme.Selector.Secondary)
                    .OnClicked(() => Dispatch(new DeleteDismissed())),
                Button(T(PocDetailText.DeleteConfirm)).ThemeKey(AppTheme.Selector.Danger)
                    .OnClicked(() => Dispatch(new DeleteConfirmed())))),
        DetailStatus.Deleting => ActivityIndicator().IsRunning(true),
        DetailStatus.DeleteQueued => Label(T(PocDetailText.DeleteQueued)),
        _ => Button(T(PocDetailText.Delete)).ThemeKey(AppTheme.Selector.Danger)
            .IsEnabled(state.Status == DetailStatus.Shown)
            .OnClicked(() => Dispatch(new DeleteTapped())),
    };

    /// <summary>A text of this page, from the core's PocDetailText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocDetailText>(key, arguments);
}
