using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Platform;

namespace PocTracker.Mobile.Account;

/// <summary>
/// The account: the app's language (English / pt-BR), the password, two-step verification (enrol with the secret or
/// the otpauth link in an authenticator app, confirm with a code, keep the recovery codes, or turn it off), an export
/// of my data (saved, then shared), sign out, and deleting the account (asks for the password). Signed out or
/// deleted, the root shows the sign-in page again.
/// </summary>
public sealed class AccountScreen : MvuPage<AccountState, AccountMessage, AccountEffect>
{
    protected override IPage<AccountState, AccountMessage, AccountEffect> CreatePage(IServiceProvider services) =>
        new AccountPage();

    protected override IEffects<AccountEffect, AccountMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<AccountEffects>(services);

    protected override void AfterChange(AccountState state)
    {
        if (state.SignedOut || state.Deleted || state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(AccountState state) =>
        ContentPage(
            ScrollView(
                VStack(spacing: 16,
                    Common.FailureLabel(state.Problem),
                    state.Notice is { } notice ? Label(T("Account." + notice)).TextColor(AppTheme.Primary) : null,
                    RenderLanguage(),
                    RenderPassword(state),
                    RenderTwoStep(state),
                    RenderExport(state),
                    Button(T("Account.SignOut")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new SignOutRequested())),
                    RenderDelete(state))
                .Padding(16)))
        .Title(T("Account.Title"));

    private VisualNode RenderLanguage()
    {
        var languages = AppLanguage.Supported;
        return Section(T("Account.Language"),
            Picker()
                .ItemsSource(languages.Select(l => (object)T("Language." + l)).ToList())
                .SelectedIndex(languages.ToList().IndexOf(AppLanguage.Current))
                .OnSelectedIndexChanged((int i) =>
                {
                    if (i >= 0 && languages[i] != AppLanguage.Current)
                    {
                        AppLanguage.Choose(languages[i]);
                        // This page was pushed, outside the root's tree: draw it again in the new language too.
                        Invalidate();
                    }
                }));
    }

    private VisualNode RenderPassword(AccountState state) =>
        Section(T("Account.Password"),
            Entry().IsPassword(true).Placeholder(T("Account.CurrentPassword"))
                .Text(state.CurrentPassword)
                .OnTextChanged(text => Dispatch(new CurrentPasswordChanged(text))),
            Common.FieldErrors(state.Problem, "currentPassword"),
            Entry().IsPassword(true).Placeholder(T("Account.NewPassword"))
                .Text(state.NewPassword)
                .OnTextChanged(text => Dispatch(new NewPasswordChanged(text))),
            Common.FieldErrors(state.Problem, "newPassword"),
            Button(T("Account.ChangePassword"))
                .IsEnabled(!state.Busy)
                .OnClicked(() => Dispatch(new PasswordChangeRequested())));

    private VisualNode RenderTwoStep(AccountState state) =>
        Section(T("Account.TwoStep"),
            state.TwoStep is { } status
                ? Label(status.Enabled ? T("Account.TwoStepOn", status.RecoveryCodesLeft) : T("Account.TwoStepOff"))
                : ActivityIndicator().IsRunning(true),
            state.Enrolment is { } enrolment
                ? VStack(spacing: 8,
                    Label(T("Account.TwoStepScan")),
                    Label(enrolment.Secret).FontFamily("monospace").FontSize(18),
                    Button(T("Account.TwoStepOpenAuthenticator")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(async () => await Microsoft.Maui.ApplicationModel.Launcher.Default.TryOpenAsync(new Uri(enrolment.OtpauthUri))))
                : null,
            state.RecoveryCodes is { Count: > 0 } codes
                ? VStack(spacing: 4,
                    Label(T("Account.RecoveryCodes")),
                    Label(string.Join('\n', codes)).FontFamily("monospace"))
                : null,
            Entry().IsPassword(true).Placeholder(T("Account.Password"))
                .IsVisible(state.TwoStep is { Enabled: false } && state.Enrolment is null)
                .Text(state.TwoStepPassword)
                .OnTextChanged(text => Dispatch(new TwoStepPasswordChanged(text))),
            Entry().Keyboard(Keyboard.Numeric).Placeholder(T("Account.Code"))
                .IsVisible(state.Enrolment is not null || state.TwoStep is { Enabled: true })
                .Text(state.TwoStepCode)
                .OnTextChanged(text => Dispatch(new TwoStepCodeChanged(text))),
            Common.FieldErrors(state.Problem, "code"),
            state.TwoStep is { Enabled: true }
                ? HStack(spacing: 8,
                    Button(T("Account.RenewRecoveryCodes")).ThemeKey(AppTheme.Selector.Secondary).IsEnabled(!state.Busy)
                        .OnClicked(() => Dispatch(new RecoveryCodesRenewRequested())),
                    Button(T("Account.TwoStepDisable")).ThemeKey(AppTheme.Selector.Danger).IsEnabled(!state.Busy)
                        .OnClicked(() => Dispatch(new TwoStepDisableRequested())))
                : state.Enrolment is not null
                    ? Button(T("Account.TwoStepConfirm")).IsEnabled(!state.Busy)
                        .OnClicked(() => Dispatch(new TwoStepConfirmRequested()))
                    : Button(T("Account.TwoStepEnable")).IsEnabled(!state.Busy && state.TwoStep is not null)
                        .OnClicked(() => Dispatch(new TwoStepEnrolRequested())));

    private VisualNode RenderExport(AccountState state) =>
        Section(T("Account.Export"),
            Label(T("Account.ExportExplanation")).FontSize(13).TextColor(AppTheme.Muted),
            HStack(spacing: 8,
                Button(state.Exporting ? T("Account.Exporting") : T("Account.ExportButton"))
                    .IsEnabled(!state.Exporting)
                    .OnClicked(() => Dispatch(new ExportRequested())),
                state.Export is not null
                    ? Button(T("Account.ExportShare")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new ExportShareRequested()))
                    : null));

    private VisualNode RenderDelete(AccountState state) =>
        Section(T("Account.Delete"),
            state.ConfirmingDelete
                ? VStack(spacing: 8,
                    Label(T("Account.DeleteQuestion")),
                    Entry().IsPassword(true).Placeholder(T("Account.Password"))
                        .Text(state.DeletePassword)
                        .OnTextChanged(text => Dispatch(new DeletePasswordChanged(text))),
                    HStack(spacing: 8,
                        Button(T("Account.Cancel")).ThemeKey(AppTheme.Selector.Secondary)
                            .OnClicked(() => Dispatch(new DeleteCancelled())),
                        Button(T("Account.DeleteConfirm")).ThemeKey(AppTheme.Selector.Danger)
                            .IsEnabled(!state.Busy)
                            .OnClicked(() => Dispatch(new DeleteConfirmed()))))
                : Button(T("Account.DeleteButton")).ThemeKey(AppTheme.Selector.Danger)
                    .OnClicked(() => Dispatch(new DeleteRequested())));

    private static VStack Section(string title, params VisualNode?[] content) =>
        VStack(spacing: 8, content.Prepend(Label(title).ThemeKey(AppTheme.Selector.Title).FontSize(18)).ToArray());

    /// <summary>A text of this page, from the core's AccountText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<AccountText>(key, arguments);
}
