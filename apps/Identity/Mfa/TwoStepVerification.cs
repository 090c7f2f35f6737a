using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Mfa;

/// <summary>Why a two-step action was refused; the API answers each with its own problem.</summary>
internal enum TwoStepRefusal
{
    /// <summary>The token's account is gone or deactivated.</summary>
    NoAccount,

    /// <summary>Enrolling while two-step verification is already on.</summary>
    AlreadyEnabled,

    /// <summary>Renewing codes or switching off while it is off.</summary>
    NotEnabled,

    /// <summary>Confirming with no enrolment started.</summary>
    NoEnrolment,

    /// <summary>The password check was over the throttle (<c>Retry-After</c> is set).</summary>
    Throttled,

    /// <summary>The password asked again was wrong.</summary>
    WrongPassword,

    /// <summary>The password was wrong and the account is (or just got) locked.</summary>
    PasswordLockedOut,

    /// <summary>The code was wrong or already used.</summary>
    WrongCode,

    /// <summary>The code was wrong (or not looked at) and the account is (or just got) locked.</summary>
    CodeLockedOut,

    /// <summary>Switching off while the password is too short for an account without a second factor.</summary>
    PasswordNeedsTwoStep,

    /// <summary>Another request saved the account first: nothing changed.</summary>
    ChangedMeanwhile,
}

/// <summary>What a two-step action came to: its result, or why it was refused.</summary>
internal sealed record TwoStepOutcome<T>(T? Value, TwoStepRefusal? Refusal)
    where T : class
{
    public static TwoStepOutcome<T> Done(T value) => new(value, null);

    public static TwoStepOutcome<T> Refused(TwoStepRefusal refusal) => new(null, refusal);
}

/// <summary>
/// The rules of two-step verification for the signed-in person, apart from its routes (<see cref="TwoStepVerificationApi"/>):
/// enrolling an authenticator app asks for the password again (through <see cref="AccountPasswords"/>: throttled, counted
/// towards the lockout), then a first code proves the app has the secret and recovery codes are issued; new recovery
/// codes and switching off need a fresh code. Wrong codes count towards the account's lockout, and every change and
/// refusal is audited. Switching it on or off renews the security stamp, which ends the account's login sessions.
/// </summary>
internal sealed class TwoStepVerification(
    IdentityDb db, TenantScope scope, AccountPasswords passwords, UserManager<TenantAccount> accounts,
    TotpAuthenticator totp, SecondFactor secondFactor, GrowingLockout lockout, AuditTrail audit)
{
    public async Task<TwoStepOutcome<TwoStepStatus>> StatusAsync(TenantUser user, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        return account is null
            ? TwoStepOutcome<TwoStepStatus>.Refused(TwoStepRefusal.NoAccount)
            : TwoStepOutcome<TwoStepStatus>.Done(new TwoStepStatus(account.HasTwoStepVerification, account.RecoveryCodes.Count, account.PasswordNeedsMfa));
    }

    /// <summary>A new secret for the person's authenticator app, after the password; nothing is on until <see cref="ConfirmEnrolmentAsync"/>.</summary>
    public async Task<TwoStepOutcome<TwoStepEnrolment>> StartEnrolmentAsync(TenantUser user, string? password, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(user, mustBeEnabled: false, cancellationToken);
        if (account is null)
        {
            return TwoStepOutcome<TwoStepEnrolment>.Refused(refusal!.Value);
        }

        var verdict = await passwords.VerifyAsync(account, password, cancellationToken);
        if (verdict == PasswordVerdict.Throttled)
        {
            return TwoStepOutcome<TwoStepEnrolment>.Refused(TwoStepRefusal.Throttled);
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var locked = verdict is PasswordVerdict.LockedOut or PasswordVerdict.WrongAndLocked;
            await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure,
                "enrolment refused: " + (verdict == PasswordVerdict.LockedOut ? "locked out" : "wrong password"), cancellationToken: cancellationToken);
            return TwoStepOutcome<TwoStepEnrolment>.Refused(locked ? TwoStepRefusal.PasswordLockedOut : TwoStepRefusal.WrongPassword);
        }

        var (protectedSecret, secret) = totp.NewSecret();
        account.TotpPendingSecret = protectedSecret;
        if (!await SaveAsync(account))
        {
            return TwoStepOutcome<TwoStepEnrolment>.Refused(TwoStepRefusal.ChangedMeanwhile);
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == account.TenantId, cancellationToken);
        var uri = TotpAuthenticator.ProvisioningUri(secret, "PocTracker", $"{account.Email} ({tenant.Slug})");
        return TwoStepOutcome<TwoStepEnrolment>.Done(new TwoStepEnrolment(secret, uri, TotpAuthenticator.Digits, TotpAuthenticator.StepSeconds));
    }

    /// <summary>A first code from the app switches two-step verification on; the recovery codes are shown this once.</summary>
    public async Task<TwoStepOutcome<RecoveryCodesIssued>> ConfirmEnrolmentAsync(TenantUser user, string? code, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(user, mustBeEnabled: false, cancellationToken);
        if (account is null)
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(refusal!.Value);
        }

        if (account.TotpPendingSecret is null)
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(TwoStepRefusal.NoEnrolment);
        }

        var step = lockout.IsLockedOut(account) ? null : totp.Verify(account.TotpPendingSecret, code, lastAcceptedStep: null);
        if (step is null)
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(await WrongCodeAsync(account, "enrolment not confirmed: wrong code", cancellationToken));
        }

        var (codes, hashes) = RecoveryCodes.Generate();
        account.TotpSecret = account.TotpPendingSecret;
        account.TotpPendingSecret = null;
        account.TotpLastStep = step;
        account.TwoFactorEnabled = true;
        account.RecoveryCodes = hashes;
        if (!await SaveAsync(account, endLoginSessions: true))
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(TwoStepRefusal.ChangedMeanwhile);
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "authenticator app enrolled", actorId: account.Id, cancellationToken: cancellationToken);
        return TwoStepOutcome<RecoveryCodesIssued>.Done(new RecoveryCodesIssued(codes));
    }

    /// <summary>New recovery codes for a fresh code (or an unused recovery code); the old ones stop working.</summary>
    public async Task<TwoStepOutcome<RecoveryCodesIssued>> RenewRecoveryCodesAsync(TenantUser user, string? code, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(user, mustBeEnabled: true, cancellationToken);
        if (account is null)
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(refusal!.Value);
        }

        if (lockout.IsLockedOut(account) || await secondFactor.VerifyAsync(account, code) == SecondFactorMethod.None)
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(await WrongCodeAsync(account, "recovery codes not renewed: wrong code", cancellationToken));
        }

        var (codes, hashes) = RecoveryCodes.Generate();
        account.RecoveryCodes = hashes;
        if (!await SaveAsync(account))
        {
            return TwoStepOutcome<RecoveryCodesIssued>.Refused(TwoStepRefusal.ChangedMeanwhile);
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "recovery codes renewed", actorId: account.Id, cancellationToken: cancellationToken);
        return TwoStepOutcome<RecoveryCodesIssued>.Done(new RecoveryCodesIssued(codes));
    }

    /// <summary>Switches two-step verification off for a fresh code; null when done, else why not.</summary>
    public async Task<TwoStepRefusal?> DisableAsync(TenantUser user, string? code, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(user, mustBeEnabled: true, cancellationToken);
        if (account is null)
        {
            return refusal;
        }

        if (account.PasswordNeedsMfa)
        {
            await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure, "not disabled: the password needs a second factor", actorId: account.Id, cancellationToken: cancellationToken);
            return TwoStepRefusal.PasswordNeedsTwoStep;
        }

        if (lockout.IsLockedOut(account) || await secondFactor.VerifyAsync(account, code) == SecondFactorMethod.None)
        {
            return await WrongCodeAsync(account, "not disabled: wrong code", cancellationToken);
        }

        account.TwoFactorEnabled = false;
        account.TotpSecret = null;
        account.TotpPendingSecret = null;
        account.TotpLastStep = null;
        account.RecoveryCodes = [];
        if (!await SaveAsync(account, endLoginSessions: true))
        {
            return TwoStepRefusal.ChangedMeanwhile;
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "two-step verification disabled", actorId: account.Id, cancellationToken: cancellationToken);
        return null;
    }

    /// <summary>The caller's account when its two-step state is the one the action needs, else the refusal.</summary>
    private async Task<(TenantAccount? Account, TwoStepRefusal? Refusal)> CallerAsync(TenantUser user, bool mustBeEnabled, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return (null, TwoStepRefusal.NoAccount);
        }

        if (account.HasTwoStepVerification != mustBeEnabled)
        {
            return (null, mustBeEnabled ? TwoStepRefusal.NotEnabled : TwoStepRefusal.AlreadyEnabled);
        }

        return (account, null);
    }

    /// <summary>Counts a wrong code towards the lockout and audits it.</summary>
    private async Task<TwoStepRefusal> WrongCodeAsync(TenantAccount account, string detail, CancellationToken cancellationToken)
    {
        var locked = lockout.IsLockedOut(account) || await lockout.RecordFailureAsync(account);
        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure, detail, actorId: account.Id, cancellationToken: cancellationToken);
        return locked ? TwoStepRefusal.CodeLockedOut : TwoStepRefusal.WrongCode;
    }

    /// <summary>
    /// Saves through Identity (concurrency stamp): a lost race is refused, never a silent overwrite. Switching the
    /// second factor on or off also renews the security stamp, which ends the account's login sessions
    /// (<c>Login/LoginSession</c>): a browser signed in under the old rules must sign in under the new ones.
    /// </summary>
    private async Task<bool> SaveAsync(TenantAccount account, bool endLoginSessions = false) =>
        (await (endLoginSessions ? accounts.UpdateSecurityStampAsync(account) : accounts.UpdateAsync(account))).Succeeded;
}
