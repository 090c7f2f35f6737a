using PocTracker.Contracts.Identity;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.Account;

/// <summary>What the account page tells the app's shell to do once it is done here.</summary>
public enum AccountOutcome
{
    /// <summary>Stay on the page.</summary>
    None,

    /// <summary>The password changed: every session ended, this one's too; the shell shows sign-in (after the "changed" notice).</summary>
    SignInAgain,

    /// <summary>The account is deleted (or the session ended): the shell forgets the tokens and shows sign-in.</summary>
    SignedOut,
}

/// <summary>
/// One form of the account page: waiting for the server, its last failure (the server's field errors are in
/// <see cref="Failure.FieldErrors"/> by the server's field names: <c>currentPassword</c>, <c>newPassword</c>,
/// <c>password</c>, <c>code</c>), and the fields left empty, checked before asking (the same names).
/// </summary>
public sealed record FormStatus(bool Busy, Failure? Problem, IReadOnlyList<string> Missing)
{
    public static FormStatus Idle { get; } = new(false, null, []);

    public static FormStatus Waiting { get; } = new(true, null, []);

    public static FormStatus FailedWith(Failure failure) => new(false, failure, []);
}

/// <summary>Where two-step verification is for this person.</summary>
public enum TwoStepStep
{
    /// <summary>The status is being read.</summary>
    Loading,

    /// <summary>Off: the person may start enrolling (with the password).</summary>
    Off,

    /// <summary>A secret was issued: show its QR code (<see cref="TwoStepEnrolment.OtpauthUri"/>) and the secret, ask for the first code.</summary>
    Enrolling,

    /// <summary>On: the person may renew the recovery codes or turn it off (each with a code).</summary>
    On,
}

/// <summary>
/// The account page: password change, two-step verification, the data export and the account's deletion, each a
/// form with its own <see cref="FormStatus"/>. Passwords and codes are not kept here: the view hands them in the
/// message that asks (they are needed only for the call). <see cref="RecoveryCodes"/> are shown once, until dismissed.
/// </summary>
public sealed record AccountState(
    FormStatus Password,
    bool PasswordChanged,
    TwoStepStep TwoStep,
    TwoStepStatus? TwoStepStatus,
    TwoStepEnrolment? Enrolment,
    IReadOnlyList<string>? RecoveryCodes,
    FormStatus TwoStepForm,
    FormStatus Export,
    DeviceFile? ExportFile,
    FormStatus Delete,
    AccountOutcome Outcome);

/// <summary>The server's field names, which the page also uses for the fields left empty.</summary>
public static class AccountFields
{
    public const string CurrentPassword = "currentPassword";
    public const string NewPassword = "newPassword";
    public const string Password = "password";
    public const string Code = "code";

    /// <summary>The typed confirmation of the deletion (no server field: checked here only).</summary>
    public const string Confirmation = "confirmation";
}

public abstract record AccountMessage;

public sealed record PasswordChangeRequested(string CurrentPassword, string NewPassword) : AccountMessage;

public sealed record PasswordChangeDone : AccountMessage;

/// <summary>The person read the "password changed" notice: now sign in again.</summary>
public sealed record PasswordChangeAcknowledged : AccountMessage;

public sealed record TwoStepStatusRead(TwoStepStatus Status) : AccountMessage;

public sealed record TwoStepEnrolmentRequested(string Password) : AccountMessage;

public sealed record TwoStepEnrolmentStarted(TwoStepEnrolment Enrolment) : AccountMessage;

public sealed record TwoStepEnrolmentCancelled : AccountMessage;

public sealed record TwoStepConfirmRequested(string Code) : AccountMessage;

public sealed record RecoveryCodesRenewRequested(string Code) : AccountMessage;

/// <summary>Two-step is on (confirmed) or the codes were renewed: the new recovery codes, shown once.</summary>
public sealed record RecoveryCodesIssuedNow(IReadOnlyList<string> Codes) : AccountMessage;

public sealed record RecoveryCodesDismissed : AccountMessage;

public sealed record TwoStepDisableRequested(string Code) : AccountMessage;

public sealed record TwoStepDisabled : AccountMessage;

public sealed record DataExportRequested : AccountMessage;

public sealed record DataExportSaved(DeviceFile File) : AccountMessage;

public sealed record DataExportShareRequested : AccountMessage;

/// <summary>"Delete my account", with the password again and the confirmation word typed by the person.</summary>
public sealed record AccountDeletionRequested(string Password, string Confirmation) : AccountMessage;

public sealed record AccountDeleted : AccountMessage;

public sealed record AccountFailed(AccountEffect Effect, Failure Failure) : AccountMessage;

public abstract record AccountEffect;

public sealed record ChangePassword(string CurrentPassword, string NewPassword) : AccountEffect
{
    // Passwords never go into logs or test failure messages.
    public override string ToString() => nameof(ChangePassword);
}

public sealed record ReadTwoStepStatus : AccountEffect;

public sealed record StartTwoStepEnrolment(string Password) : AccountEffect
{
    public override string ToString() => nameof(StartTwoStepEnrolment);
}

public sealed record ConfirmTwoStepEnrolment(string Code) : AccountEffect;

public sealed record RenewRecoveryCodes(string Code) : AccountEffect;

public sealed record DisableTwoStep(string Code) : AccountEffect;

public sealed record ExportMyData : AccountEffect;

public sealed record ShareDataExport(DeviceFile File) : AccountEffect;

public sealed record DeleteMyAccount(string Password) : AccountEffect
{
    public override string ToString() => nameof(DeleteMyAccount);
}

/// <summary>The account page's update.</summary>
/// <param name="confirmationWord">
/// The word the person types to confirm the deletion, in the app's language (the view passes its translation of
/// <c>DeleteConfirmationWord</c>); compared ignoring case and surrounding spaces.
/// </param>
public sealed class AccountPage(string confirmationWord) : IPage<AccountState, AccountMessage, AccountEffect>
{
    public Transition<AccountState, AccountEffect> Start() => Transition.To<AccountState, AccountEffect>(
        new AccountState(FormStatus.Idle, false, TwoStepStep.Loading, null, null, null, FormStatus.Idle, FormStatus.Idle, null, FormStatus.Idle, AccountOutcome.None),
        new ReadTwoStepStatus());

    public Transition<AccountState, AccountEffect> Update(AccountState state, AccountMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        return message switch
        {
            PasswordChangeRequested when state.Password.Busy => Stay(state),
            PasswordChangeRequested asked => Missing((AccountFields.CurrentPassword, asked.CurrentPassword), (AccountFields.NewPassword, asked.NewPassword)) is { Count: > 0 } missing
                ? Stay(state with { Password = FormStatus.Idle with { Missing = missing } })
                : Transition.To<AccountState, AccountEffect>(state with { Password = FormStatus.Waiting }, new ChangePassword(asked.CurrentPassword, asked.NewPassword)),
            PasswordChangeDone => Stay(state with { Password = FormStatus.Idle, PasswordChanged = true }),
            PasswordChangeAcknowledged when state.PasswordChanged => Stay(state with { Outcome = AccountOutcome.SignInAgain }),
            PasswordChangeAcknowledged => Stay(state),

            TwoStepStatusRead read => Stay(state with
            {
                TwoStepStatus = read.Status,
                TwoStep = read.Status.Enabled ? TwoStepStep.On : state.TwoStep == TwoStepStep.Enrolling ? TwoStepStep.Enrolling : TwoStepStep.Off,
            }),
            TwoStepEnrolmentRequested when state.TwoStepForm.Busy || state.TwoStep != TwoStepStep.Off => Stay(state),
            TwoStepEnrolmentRequested asked => Missing((AccountFields.Password, asked.Password)) is { Count: > 0 } missing
                ? Stay(state with { TwoStepForm = FormStatus.Idle with { Missing = missing } })
                : Transition.To<AccountState, AccountEffect>(state with { TwoStepForm = FormStatus.Waiting }, new StartTwoStepEnrolment(asked.Password)),
            TwoStepEnrolmentStarted started => Stay(state with { TwoStep = TwoStepStep.Enrolling, Enrolment = started.Enrolment, TwoStepForm = FormStatus.Idle }),
            TwoStepEnrolmentCancelled when state.TwoStep == TwoStepStep.Enrolling => Stay(state with { TwoStep = TwoStepStep.Off, Enrolment = null, TwoStepForm = FormStatus.Idle }),
            TwoStepEnrolmentCancelled => Stay(state),
            TwoStepConfirmRequested asked when state.TwoStep == TwoStepStep.Enrolling => WithCode(state, asked.Code, code => new ConfirmTwoStepEnrolment(code)),
            RecoveryCodesRenewRequested asked when state.TwoStep == TwoStepStep.On => WithCode(state, asked.Code, code => new RenewRecoveryCodes(code)),
            TwoStepDisableRequested asked when state.TwoStep == TwoStepStep.On => WithCode(state, asked.Code, code => new DisableTwoStep(code)),
            TwoStepConfirmRequested or RecoveryCodesRenewRequested or TwoStepDisableRequested => Stay(state),
            RecoveryCodesIssuedNow issued => Transition.To<AccountState, AccountEffect>(
                state with { TwoStep = TwoStepStep.On, Enrolment = null, RecoveryCodes = issued.Codes, TwoStepForm = FormStatus.Idle },
                new ReadTwoStepStatus()),
            RecoveryCodesDismissed => Stay(state with { RecoveryCodes = null }),
            TwoStepDisabled => Transition.To<AccountState, AccountEffect>(
                state with { TwoStep = TwoStepStep.Off, RecoveryCodes = null, TwoStepForm = FormStatus.Idle },
                new ReadTwoStepStatus()),

            DataExportRequested when state.Export.Busy => Stay(state),
            DataExportRequested => Transition.To<AccountState, AccountEffect>(state with { Export = FormStatus.Waiting, ExportFile = null }, new ExportMyData()),
            DataExportSaved saved => Stay(state with { Export = FormStatus.Idle, ExportFile = saved.File }),
            DataExportShareRequested when state.ExportFile is { } file => Transition.To<AccountState, AccountEffect>(state, new ShareDataExport(file)),
            DataExportShareRequested => Stay(state),

            AccountDeletionRequested when state.Delete.Busy => Stay(state),
            AccountDeletionRequested asked => DeletionAsked(state, asked),
            AccountDeleted => Stay(state with { Delete = FormStatus.Idle, Outcome = AccountOutcome.SignedOut }),

            AccountFailed failed => Failed(state, failed.Effect, failed.Failure),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not an account message."),
        };
    }

    public AccountMessage Failed(AccountEffect effect, Failure failure) => new AccountFailed(effect, failure);

    private static Transition<AccountState, AccountEffect> Stay(AccountState state) => Transition.To<AccountState, AccountEffect>(state);

    private static Transition<AccountState, AccountEffect> WithCode(AccountState state, string code, Func<string, AccountEffect> effect)
    {
        if (state.TwoStepForm.Busy)
        {
            return Stay(state);
        }

        // Authenticator apps show "123 456"; recovery codes are typed with or without their dash: the server reads both.
        var trimmed = (code ?? "").Trim();
        return trimmed.Length == 0
            ? Stay(state with { TwoStepForm = FormStatus.Idle with { Missing = [AccountFields.Code] } })
            : Transition.To<AccountState, AccountEffect>(state with { TwoStepForm = FormStatus.Waiting }, effect(trimmed));
    }

    private Transition<AccountState, AccountEffect> DeletionAsked(AccountState state, AccountDeletionRequested asked)
    {
        var missing = Missing((AccountFields.Password, asked.Password)).ToList();
        if (!string.Equals((asked.Confirmation ?? "").Trim(), confirmationWord.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            missing.Add(AccountFields.Confirmation);
        }

        return missing.Count > 0
            ? Stay(state with { Delete = FormStatus.Idle with { Missing = missing } })
            : Transition.To<AccountState, AccountEffect>(state with { Delete = FormStatus.Waiting }, new DeleteMyAccount(asked.Password));
    }

    private static Transition<AccountState, AccountEffect> Failed(AccountState state, AccountEffect effect, Failure failure)
    {
        if (failure.Kind == FailureKind.SignedOut)
        {
            return Stay(state with { Outcome = AccountOutcome.SignedOut });
        }

        return Stay(effect switch
        {
            ChangePassword => state with { Password = FormStatus.FailedWith(failure) },
            ReadTwoStepStatus => state with { TwoStep = state.TwoStepStatus is null ? TwoStepStep.Off : state.TwoStep, TwoStepForm = FormStatus.FailedWith(failure) },
            StartTwoStepEnrolment or ConfirmTwoStepEnrolment or RenewRecoveryCodes or DisableTwoStep => state with { TwoStepForm = FormStatus.FailedWith(failure) },
            ExportMyData or ShareDataExport => state with { Export = FormStatus.FailedWith(failure) },
            DeleteMyAccount => state with { Delete = FormStatus.FailedWith(failure) },
            _ => state,
        });
    }

    private static IReadOnlyList<string> Missing(params (string Field, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Field)];
}
