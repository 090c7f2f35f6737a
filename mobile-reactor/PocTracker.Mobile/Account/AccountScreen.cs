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
        new AccountPage(T("DeleteConfirmationWord"));

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
                    Section(T("SessionTitle"),
                        Button(T("SignOut")).ThemeKey(AppTheme.Selector.Secondary)
                            .OnClicked(async () => await Navigation.PushAsync<SignInScreen>())),
                    RenderDelete(state))
                .Padding(16)))
        .Title(T("Title"));

    private VisualNode RenderLanguage()
    {
        var languages = AppLanguage.Supported;
        return Section(T("LanguageTitle"),
            Picker()
                .ItemsSource(languages.Select(l => (object)T("Language_" + l)).ToList())
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
        Section(T("PasswordTitle"),
            state.PasswordChanged
                ? VStack(spacing: 8,
                    Label(T("PasswordChanged")),
                    Button(T("SignInAgain")).OnClicked(() => Dispatch(new PasswordChangeAcknowledged())))
                : VStack(spacing: 8,
                    PasswordEntry(AccountFields.CurrentPassword, T("CurrentPassword")),
                    Problems(state.Password, AccountFields.CurrentPassword),
                    PasswordEntry(AccountFields.NewPassword, T("NewPassword")),
                    Problems(state.Password, AccountFields.NewPassword),
                    Common.FailureLabel<AccountText>(state.Password.Problem),
                    Button(T("ChangePassword"))
                        .IsEnabled(!state.Password.Busy)
                        .OnClicked(() => Dispatch(new PasswordChangeRequested(Draft(AccountFields.CurrentPassword), Draft(AccountFields.NewPassword))))));

    private VisualNode RenderTwoStep(AccountState state) =>
        Section(T("TwoStepTitle"),
            state.TwoStep switch
            {
                TwoStepStep.Loading => ActivityIndicator().IsRunning(true),
                TwoStepStep.Off => VStack(spacing: 8,
                    Label(T("TwoStep_Off")),
                    PasswordEntry(AccountFields.Password, T("Password")),
                    Problems(state.TwoStepForm, AccountFields.Password),
                    Common.FailureLabel<AccountText>(state.TwoStepForm.Problem),
                    Button(T("TurnOn")).IsEnabled(!state.TwoStepForm.Busy)
                        .OnClicked(() => Dispatch(new TwoStepEnrolmentRequested(Draft(AccountFields.Password))))),
                TwoStepStep.Enrolling when state.Enrolment is { } enrolment => VStack(spacing: 8,
                    Label(T("TwoStep_Enrolling")),
                    Label(T("Secret")).FontSize(12).TextColor(AppTheme.Muted),
                    // On the phone itself there is no QR code to scan: a tap hands the otpauth link to the authenticator app.
                    Label(enrolment.Secret, new TapGestureRecognizer(async () => await Microsoft.Maui.ApplicationModel.Launcher.Default.TryOpenAsync(new Uri(enrolment.OtpauthUri))))
                        .FontFamily("monospace").FontSize(18).TextDecorations(TextDecorations.Underline),
                    CodeEntry(),
                    Problems(state.TwoStepForm, AccountFields.Code),
                    Common.FailureLabel<AccountText>(state.TwoStepForm.Problem),
                    HStack(spacing: 8,
                        Button(T("Cancel")).ThemeKey(AppTheme.Selector.Secondary)
                            .OnClicked(() => Dispatch(new TwoStepEnrolmentCancelled())),
                        Button(T("Confirm")).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new TwoStepConfirmRequested(Draft(AccountFields.Code)))))),
                _ => VStack(spacing: 8,
                    Label(T("TwoStep_On") + " · " + T("RecoveryCodesLeft", state.TwoStepStatus?.RecoveryCodesLeft ?? 0)),
                    CodeEntry(),
                    Problems(state.TwoStepForm, AccountFields.Code),
                    Common.FailureLabel<AccountText>(state.TwoStepForm.Problem),
                    HStack(spacing: 8,
                        Button(T("RenewCodes")).ThemeKey(AppTheme.Selector.Secondary).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new RecoveryCodesRenewRequested(Draft(AccountFields.Code)))),
                        Button(T("TurnOff")).ThemeKey(AppTheme.Selector.Danger).IsEnabled(!state.TwoStepForm.Busy)
                            .OnClicked(() => Dispatch(new TwoStepDisableRequested(Draft(AccountFields.Code)))))),
            },
            state.RecoveryCodes is { Count: > 0 } codes
                ? VStack(spacing: 4,
                    Label(T("RecoveryCodes")),
                    Label(string.Join('\n', codes)).FontFamily("monospace"),
                    Button(T("RecoveryCodesSaved")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new RecoveryCodesDismissed())))
                : null);

    private VisualNode RenderExport(AccountState state) =>
        Section(T("ExportTitle"),
            Common.FailureLabel<AccountText>(state.Export.Problem),
            HStack(spacing: 8,
                Button(state.Export.Busy ? T("Exporting") : T("Export"))
                    .IsEnabled(!state.Export.Busy)
                    .OnClicked(() => Dispatch(new DataExportRequested())),
                state.ExportFile is not null
                    ? Button(T("Share")).ThemeKey(AppTheme.Selector.Secondary)
                        .OnClicked(() => Dispatch(new DataExportShareRequested()))
                    : null));

    private VisualNode RenderDelete(AccountState state) =>
        Section(T("DeleteTitle"),
            Label(T("DeleteHint", T("DeleteConfirmationWord"))).FontSize(13).TextColor(AppTheme.Muted),
            PasswordEntry("delete." + AccountFields.Password, T("Password")),
            Problems(state.Delete, AccountFields.Password),
            Entry().Placeholder(T("Confirmation"))
                .Text(Draft(AccountFields.Confirmation))
                .OnTextChanged(text => SetDraft(AccountFields.Confirmation, text)),
            Problems(state.Delete, AccountFields.Confirmation),
            Common.FailureLabel<AccountText>(state.Delete.Problem),
            Button(T("Delete")).ThemeKey(AppTheme.Selector.Danger)
                .IsEnabled(!state.Delete.Busy)
                .OnClicked(() => Dispatch(new AccountDeletionRequested(Draft("delete." + AccountFields.Password), Draft(AccountFields.Confirmation)))));

    private Entry PasswordEntry(string draft, string placeholder) =>
        Entry().IsPassword(true).Placeholder(placeholder)
            .Text(Draft(draft))
            .OnTextChanged(text => SetDraft(draft, text));

    private Entry CodeEntry() =>
        Entry().Keyboard(Keyboard.Numeric).Placeholder(T("CodeOrRecovery"))
            .Text(Draft(AccountFields.Code))
            .OnTextChanged(text => SetDraft(AccountFields.Code, text));

    /// <summary>"Required" for a field the core found empty, and the server's errors for it.</summary>
    private static VisualNode? Problems(FormStatus form, string field) =>
        form.Missing.Contains(field)
            ? Label(T("Required")).ThemeKey(AppTheme.Selector.Error).FontSize(13)
            : Common.FieldErrors(form.Problem, field);

    private static VStack Section(string title, params VisualNode?[] content) =>
        VStack(spacing: 8, content.Prepend(Label(title).ThemeKey(AppTheme.Selector.Title).FontSize(18)).ToArray());

    /// <summary>A text of this page, from the core's AccountText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<AccountText>(key, arguments);
}
