using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Platform;
using PocTracker.Mobile.SignIn;

namespace PocTracker.Mobile.Account;

/// <summary>
/// The account: the app's language (English / pt-BR), the password, two-step verification (enrol with the secret or
/// the otpauth link in an authenticator app, confirm with a code, keep the recovery codes, renew them, or turn it off),
/// an export of my data (saved, then shared), the session page (who is signed in, sign out: <see cref="SignInScreen"/>), and deleting the account (the password and a typed
/// confirmation word). The core's <see cref="AccountOutcome"/> says when the root must show the sign-in page again.
/// What is typed stays in the component (drafts) until sent: the core's messages carry it.
/// </summary>
public sealed class AccountScreen : MvuPage<AccountState, AccountMessage, AccountEffect>
{
    protected override IPage<AccountState, AccountMessage, AccountEffect> CreatePage(IServiceProvider services) =>
        new AccountPage(T("Account.DeleteWord"));

    protected override IEffects<AccountEffect, AccountMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<AccountEffects>(services);

    protected override void AfterChange(AccountState state)
    {
        if (state.Outcome != AccountOutcome.None)
        {
            // SignInAgain: the password changed and every session with it; SignedOut: deleted, or signed out elsewhere.
            ClearDrafts(AccountFields.CurrentPassword, AccountFields.NewPassword, AccountFields.Password, AccountFields.Code, AccountFields.Confirmation);
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(AccountState state) =>
        ContentPage(
            ScrollView(
                VStack(spacing: 20,
                    RenderLanguage(),
                    RenderPassword(state),
                    RenderTwoStep(state),
                    RenderExport(state),
                    Section(T("Account.SignOutTitle"),
                        Button(T("Account.SignOut")).ThemeKey(AppTheme.Selector.Secondary)
                            .OnClicked(async () => await Navigation.PushAsync<SignInScreen>())),
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
            state.PasswordChanged
                ? VStack(spacing: 8,
                    Label(T("Account.PasswordChanged")),
                    Button(T("Account.SignInAgain")).OnClicked(() => Dispatch(new PasswordChangeAcknowledged())))
                : VStack(spacing: 8,
                    PasswordEntry(AccountFields.CurrentPassword, T("Account.CurrentPassword")),
                    Problems(state.Password, AccountFields.CurrentPassword),
                    PasswordEntry(AccountFields.NewPassword, T("Account.NewPassword")),
                    Problems(state.Password, AccountFields.NewPassword),
                    Common.FailureLabel(state.Password.Problem),
                    Button(T("Account.ChangePassword"))
                        .IsEnabled(!state.Password.Busy)
                        .OnClicked(() => Dispatch(new PasswordChangeRequested(Draft(AccountFields.CurrentPassword), Draft(AccountFields.NewPassword))))));

    private VisualNode RenderTwoStep(AccountState state) =>
        Section(T("Account.TwoStep"),
            state.TwoStep switch
            {
                TwoStepStep.Loading => ActivityIndicator().IsRunning(true),
                TwoStepStep.Off => VStack(spacing: 8,
                    Label(T("Account.TwoStepOff")),
                    PasswordEntry(AccountFields.Password, T("Account.PasswordToEnrol")),
                    Problems(state.TwoStepForm, AccountFields.Password),
                    Common.FailureLabel(state.TwoStepForm.Problem),
                    Button(T("Account.TwoStepEnable")).IsEnabled(!state.TwoStepForm.Busy)
                        .OnClicked(() => Dispatch(new TwoStepEnrolmentRequested(Draft(AccountFields.Password))))),
                TwoStepStep.Enrolling when state.Enrolment is { } enrolment => VStack(spacing: 8,
                    Label(T("Account.TwoStepScan")),
                    Label(enrolment.Secret).FontFamily("monospace").FontSize(18),
                    Button(T("Account.TwoStepOpenAuthenticator")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(async () => await Microsoft.Maui.ApplicationModel.Launcher.Default.TryOpenAsync(new Uri(enrolment.OtpauthUri))),
                    CodeEntry(),
                    Problems(state.TwoStepForm, AccountFields.Code),
                    Common.FailureLabel(state.TwoStepForm.Problem),
                    HStack(spacing: 8,
                        Button(T("Account.Cancel")).ThemeKey(AppTheme.Selector.Secondary)
                            .OnClicked(() => Dispatch(new TwoStepEnrolmentCancelled())),
                        Button(T("Account.TwoStepConfirm")).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new TwoStepConfirmRequested(Draft(AccountFields.Code)))))),
                _ => VStack(spacing: 8,
                    Label(T("Account.TwoStepOn", state.TwoStepStatus?.RecoveryCodesLeft ?? 0)),
                    CodeEntry(),
                    Problems(state.TwoStepForm, AccountFields.Code),
                    Common.FailureLabel(state.TwoStepForm.Problem),
                    HStack(spacing: 8,
                        Button(T("Account.RenewRecoveryCodes")).ThemeKey(AppTheme.Selector.Secondary).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new RecoveryCodesRenewRequested(Draft(AccountFields.Code)))),
                        Button(T("Account.TwoStepDisable")).ThemeKey(AppTheme.Selector.Danger).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new TwoStepDisableRequested(Draft(AccountFields.Code)))))),
            },
            state.RecoveryCodes is { Count: > 0 } codes
                ? VStack(spacing: 4,
                    Label(T("Account.RecoveryCodes")),
                    Label(string.Join('\n', codes)).FontFamily("monospace"),
                    Button(T("Account.RecoveryCodesKept")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new RecoveryCodesDismissed())))
                : null);

    private VisualNode RenderExport(AccountState state) =>
        Section(T("Account.Export"),
            Label(T("Account.ExportExplanation")).FontSize(13).TextColor(AppTheme.Muted),
            Common.FailureLabel(state.Export.Problem),
            HStack(spacing: 8,
                Button(state.Export.Busy ? T("Account.Exporting") : T("Account.ExportButton"))
                    .IsEnabled(!state.Export.Busy)
                    .OnClicked(() => Dispatch(new DataExportRequested())),
                state.ExportFile is not null
                    ? Button(T("Account.ExportShare")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new DataExportShareRequested()))
                    : null));

    private VisualNode RenderDelete(AccountState state) =>
        Section(T("Account.Delete"),
            Label(T("Account.DeleteExplanation", T("Account.DeleteWord"))).FontSize(13).TextColor(AppTheme.Muted),
            PasswordEntry("delete." + AccountFields.Password, T("Account.Password")),
            Problems(state.Delete, AccountFields.Password),
            Entry().Placeholder(T("Account.DeleteWordPlaceholder", T("Account.DeleteWord")))
                .Text(Draft(AccountFields.Confirmation))
                .OnTextChanged(text => SetDraft(AccountFields.Confirmation, text)),
            Problems(state.Delete, AccountFields.Confirmation),
            Common.FailureLabel(state.Delete.Problem),
            Button(T("Account.DeleteButton")).ThemeKey(AppTheme.Selector.Danger)
                .IsEnabled(!state.Delete.Busy)
                .OnClicked(() => Dispatch(new AccountDeletionRequested(Draft("delete." + AccountFields.Password), Draft(AccountFields.Confirmation)))));

    private Entry PasswordEntry(string draft, string placeholder) =>
        Entry().IsPassword(true).Placeholder(placeholder)
            .Text(Draft(draft))
            .OnTextChanged(text => SetDraft(draft, text));

    private Entry CodeEntry() =>
        Entry().Keyboard(Keyboard.Numeric).Placeholder(T("Account.Code"))
            .Text(Draft(AccountFields.Code))
            .OnTextChanged(text => SetDraft(AccountFields.Code, text));

    /// <summary>"Required" for a field the core found empty, and the server's errors for it.</summary>
    private static VisualNode? Problems(FormStatus form, string field) =>
        form.Missing.Contains(field)
            ? Label(T("Account.Required")).ThemeKey(AppTheme.Selector.Error).FontSize(13)
            : Common.FieldErrors(form.Problem, field);

    private static VStack Section(string title, params VisualNode?[] content) =>
        VStack(spacing: 8, content.Prepend(Label(title).ThemeKey(AppTheme.Selector.Title).FontSize(18)).ToArray());

    /// <summary>A text of this page, from the core's AccountText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<AccountText>(key, arguments);
}
