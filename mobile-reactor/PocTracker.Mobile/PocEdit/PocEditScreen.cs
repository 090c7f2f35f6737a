using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocEdit;

namespace PocTracker.Mobile.PocEdit;

/// <summary>Which POC to edit; none for a new one.</summary>
public sealed class PocEditProps
{
    public Guid? PocId { get; set; }
}

/// <summary>
/// The POC form (create, or edit with the version read, so a change made meanwhile is a 412 the core shows as a
/// conflict). Each field dispatches its text as typed; the server's field errors show under their field. Offline, the
/// core queues the save and the page closes as if it went through (the list shows it pending).
/// </summary>
public sealed class PocEditScreen : MvuPage<PocEditState, PocEditMessage, PocEditEffect, PocEditProps>
{
    protected override IPage<PocEditState, PocEditMessage, PocEditEffect> CreatePage(IServiceProvider services) =>
        Props.PocId is { } id
            ? ActivatorUtilities.CreateInstance<PocEditPage>(services, id)
            : ActivatorUtilities.CreateInstance<PocEditPage>(services);

    protected override IEffects<PocEditEffect, PocEditMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PocEditEffects>(services);

    protected override void AfterChange(PocEditState state)
    {
        if (state.Failure?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Saved)
        {
            _ = Navigation?.PopAsync();
        }
    }

    protected override VisualNode RenderPage(PocEditState state) =>
        ContentPage(
            ToolbarItem(T("PocEdit.Save"))
                .IsEnabled(!state.Saving)
                .OnClicked(() => Dispatch(new PocEditMessage.SaveTapped())),
            ScrollView(
                VStack(spacing: 6,
                    Common.FailureLabel(state.Failure),
                    Input(state, PocField.Name, T("Poc.Name"), state.Form.Name),
                    Input(state, PocField.Language, T("Poc.Language"), state.Form.Language),
                    Input(state, PocField.Tags, T("Poc.TagsHint"), state.Form.Tags),
                    Input(state, PocField.RepositoryUrl, T("Poc.Repository"), state.Form.RepositoryUrl, Keyboard.Url),
                    Label(T("Poc.Status")).FontSize(12).TextColor(AppTheme.Muted),
                    Picker()
                        .ItemsSource(state.Statuses.Select(s => (object)T("Status." + s)).ToList())
                        .SelectedIndex(state.Statuses.ToList().IndexOf(state.Form.Status))
                        .OnSelectedIndexChanged((int i) =>
                        {
                            if (i >= 0)
                            {
                                Dispatch(new PocEditMessage.FieldChanged(PocField.Status, state.Statuses[i]));
                            }
                        }),
                    Common.FieldErrors(state.Failure, nameof(PocField.Status)),
                    Input(state, PocField.StartedOn, T("Poc.StartedOnHint"), state.Form.StartedOn),
                    Input(state, PocField.FinishedOn, T("Poc.FinishedOnHint"), state.Form.FinishedOn),
                    Label(T("Poc.Description")).FontSize(12).TextColor(AppTheme.Muted),
                    Editor()
                        .Text(state.Form.Description)
                        .AutoSize(MauiControls.EditorAutoSizeOption.TextChanges)
                        .OnTextChanged(text => Dispatch(new PocEditMessage.FieldChanged(PocField.Description, text))),
                    Common.FieldErrors(state.Failure, nameof(PocField.Description)),
                    Label(T("Poc.Notes")).FontSize(12).TextColor(AppTheme.Muted),
                    Editor()
                        .Text(state.Form.Notes)
                        .AutoSize(MauiControls.EditorAutoSizeOption.TextChanges)
                        .OnTextChanged(text => Dispatch(new PocEditMessage.FieldChanged(PocField.Notes, text))),
                    Common.FieldErrors(state.Failure, nameof(PocField.Notes)),
                    state.Saving ? ActivityIndicator().IsRunning(true) : null)
                .Padding(16)))
        .Title(Props.PocId is null ? T("PocEdit.NewTitle") : T("PocEdit.EditTitle"));

    /// <summary>A one-line field: its label, the entry (dispatching each change) and the server's errors for it.</summary>
    private VStack Input(PocEditState state, PocField field, string label, string text, Keyboard? keyboard = null) =>
        VStack(
            Label(label).FontSize(12).TextColor(AppTheme.Muted),
            Entry()
                .Text(text)
                .Keyboard(keyboard ?? Keyboard.Default)
                .OnTextChanged(value => Dispatch(new PocEditMessage.FieldChanged(field, value))),
            Common.FieldErrors(state.Failure, field.ToString()));

    /// <summary>A text of this page, from the core's PocEditText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocEditText>(key, arguments);
}
