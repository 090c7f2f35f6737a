using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Mfa;

/// <summary>Whether the caller has two-step verification on.</summary>
/// <param name="Enabled">True once an authenticator app was enrolled and confirmed.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
/// <param name="PasswordNeedsTwoStep">The password is shorter than a password-only account may have, so it cannot be switched off.</param>
public sealed record TwoStepStatus(bool Enabled, int RecoveryCodesLeft, bool PasswordNeedsTwoStep);

/// <summary>Starting enrolment asks for the password again.</summary>
public sealed record StartTwoStepRequest(string? Password);

/// <summary>What the person puts into their authenticator app (the URI as a QR code, or the secret typed).</summary>
public sealed record TwoStepEnrolment(string Secret, string OtpauthUri, int Digits, int Period);

/// <summary>A code from the authenticator app (or, where allowed, a recovery code).</summary>
public sealed record TwoStepCodeRequest(string? Code);

/// <summary>New recovery codes: shown this once, stored only as hashes.</summary>
public sealed record RecoveryCodesIssued(IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// Two-step verification for the signed-in person: enrol an authenticator app (password again,
/// then a first code to prove the app has the secret), get recovery codes, make new ones, switch it
/// off (with a fresh code). Wrong passwords and codes count towards the account's lockout.
/// </summary>
internal static class TwoStepVerificationApi
{
    public const string AlreadyEnabledType = "https://poctracker.dev/problems/two-step-enabled";
    public const string NotEnabledType = "https://poctracker.dev/problems/two-step-not-enabled";
    public const string PasswordNeedsTwoStepType = "https://poctracker.dev/problems/password-needs-two-step";

    public static RouteGroupBuilder MapTwoStepVerification(this RouteGroupBuilder tenantApi)
    {
        var group = tenantApi.MapGroup("/me/two-step").WithTags("Two-step verification");
        group.MapGet("", GetStatusAsync).WithName("GetTwoStepStatus").WithSummary("Whether two-step verification is on");
        group.MapPost("/enrolment", StartAsync).WithName("StartTwoStepEnrolment")
            .WithSummary("Start enrolling an authenticator app (password again)")
            .WithDescription("Returns the TOTP secret and its otpauth:// URI; nothing changes until a code from the app confirms it. 409 two-step-enabled when it is already on.");
        group.MapPost("/enrolment/confirm", ConfirmAsync).WithName("ConfirmTwoStepEnrolment")
            .WithSummary("Confirm the enrolment with a code from the app; returns the recovery codes");
        group.MapPost("/recovery-codes", RenewRecoveryCodesAsync).WithName("RenewRecoveryCodes")
            .WithSummary("Replace the recovery codes (needs a code)");
        group.MapPost("/disable", DisableAsync).WithName("DisableTwoStep")
            .WithSummary("Switch two-step verification off (needs a fresh code)")
            .WithDescription("409 password-needs-two-step when the password is shorter than a password-only account may have: change it first.");
        return tenantApi;
    }

    private static async Task<Results<Ok<TwoStepStatus>, ProblemHttpResult>> GetStatusAsync(
        TenantUser user, IdentityDb db, TenantScope scope, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        return account is null
            ? NoAccount()
            : TypedResults.Ok(new TwoStepStatus(account.HasTwoStepVerification, account.RecoveryCodes.Count, account.PasswordNeedsMfa));
    }

    private static async Task<Results<Ok<TwoStepEnrolment>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartTwoStepRequest request, TenantUser user, IdentityDb db, TenantScope scope, AccountPasswords passwords,
        UserManager<TenantAccount> accounts, TotpAuthenticator totp, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(db, scope, user, mustBeEnabled: false, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        var verdict = await passwords.VerifyAsync(account, request.Password, cancellationToken);
        if (verdict == PasswordVerdict.Throttled)
        {
            return AccountPasswords.TooManyAttempts();
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var locked = verdict is PasswordVerdict.LockedOut or PasswordVerdict.WrongAndLocked;
            await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure,
                "enrolment refused: " + (verdict == PasswordVerdict.LockedOut ? "locked out" : "wrong password"), cancellationToken: cancellationToken);
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["password"] = [locked ? AccountPasswords.LockedMessage : "The password is not correct."],
            });
        }

        var (protectedSecret, secret) = totp.NewSecret();
        account.TotpPendingSecret = protectedSecret;
        if (await SaveAsync(accounts, account) is { } conflict)
        {
            return conflict;
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == account.TenantId, cancellationToken);
        var uri = TotpAuthenticator.ProvisioningUri(secret, "PocTracker", $"{account.Email} ({tenant.Slug})");
        return TypedResults.Ok(new TwoStepEnrolment(secret, uri, TotpAuthenticator.Digits, TotpAuthenticator.StepSeconds));
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        TwoStepCodeRequest request, TenantUser user, IdentityDb db, TenantScope scope, GrowingLockout lockout,
        UserManager<TenantAccount> accounts, TotpAuthenticator totp, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(db, scope, user, mustBeEnabled: false, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        if (account.TotpPendingSecret is null)
        {
            return TypedResults.Problem("Start the enrolment first (POST /api/identity/me/two-step/enrolment).",
                statusCode: StatusCodes.Status409Conflict, title: "No enrolment in progress.", type: NotEnabledType);
        }

        var step = lockout.IsLockedOut(account) ? null : totp.Verify(account.TotpPendingSecret, request.Code, lastAcceptedStep: null);
        if (step is null)
        {
            return await WrongCodeAsync(account, lockout, audit, "enrolment not confirmed: wrong code", cancellationToken);
        }

        var (codes, hashes) = RecoveryCodes.Generate();
        account.TotpSecret = account.TotpPendingSecret;
        account.TotpPendingSecret = null;
        account.TotpLastStep = step;
        account.TwoFactorEnabled = true;
        account.RecoveryCodes = hashes;
        if (await SaveAsync(accounts, account, endLoginSessions: true) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "authenticator app enrolled", actorId: account.Id, cancellationToken: cancellationToken);
        return TypedResults.Ok(new RecoveryCodesIssued(codes));
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ValidationProblem, ProblemHttpResult>> RenewRecoveryCodesAsync(
        TwoStepCodeRequest request, TenantUser user, IdentityDb db, TenantScope scope, GrowingLockout lockout,
        UserManager<TenantAccount> accounts, SecondFactor secondFactor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(db, scope, user, mustBeEnabled: true, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        if (lockout.IsLockedOut(account) || await secondFactor.VerifyAsync(account, request.Code) == SecondFactorMethod.None)
        {
            return await WrongCodeAsync(account, lockout, audit, "recovery codes not renewed: wrong code", cancellationToken);
        }

        var (codes, hashes) = RecoveryCodes.Generate();
        account.RecoveryCodes = hashes;
        if (await SaveAsync(accounts, account) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "recovery codes renewed", actorId: account.Id, cancellationToken: cancellationToken);
        return TypedResults.Ok(new RecoveryCodesIssued(codes));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DisableAsync(
        TwoStepCodeRequest request, TenantUser user, IdentityDb db, TenantScope scope, GrowingLockout lockout,
        UserManager<TenantAccount> accounts, SecondFactor secondFactor, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (account, refusal) = await CallerAsync(db, scope, user, mustBeEnabled: true, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        if (account.PasswordNeedsMfa)
        {
            await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure, "not disabled: the password needs a second factor", actorId: account.Id, cancellationToken: cancellationToken);
            return TypedResults.Problem(
                "Your password is shorter than an account without two-step verification may have. Change it to one of at least 15 characters first.",
                statusCode: StatusCodes.Status409Conflict, title: "The password needs two-step verification.", type: PasswordNeedsTwoStepType);
        }

        if (lockout.IsLockedOut(account) || await secondFactor.VerifyAsync(account, request.Code) == SecondFactorMethod.None)
        {
            return await WrongCodeAsync(account, lockout, audit, "not disabled: wrong code", cancellationToken);
        }

        account.TwoFactorEnabled = false;
        account.TotpSecret = null;
        account.TotpPendingSecret = null;
        account.TotpLastStep = null;
        account.RecoveryCodes = [];
        if (await SaveAsync(accounts, account, endLoginSessions: true) is { } conflict)
        {
            return conflict;
        }

        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Success, "two-step verification disabled", actorId: account.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's account when its two-step state is the one the action needs, else the refusal.</summary>
    private static async Task<(TenantAccount? Account, ProblemHttpResult? Refusal)> CallerAsync(
        IdentityDb db, TenantScope scope, TenantUser user, bool mustBeEnabled, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return (null, NoAccount());
        }

        if (account.HasTwoStepVerification != mustBeEnabled)
        {
            return (null, mustBeEnabled ? NotEnabled() : AlreadyEnabled());
        }

        return (account, null);
    }

    private static async Task<ValidationProblem> WrongCodeAsync(
        TenantAccount account, GrowingLockout lockout, AuditTrail audit, string detail, CancellationToken cancellationToken)
    {
        var locked = lockout.IsLockedOut(account) || await lockout.RecordFailureAsync(account);
        await audit.RecordAsync(AuditKinds.MfaChange, account.Id, AuditOutcomes.Failure, detail, actorId: account.Id, cancellationToken: cancellationToken);
        return Problems.Validation(new Dictionary<string, string[]>
        {
            ["code"] = [locked ? AccountPasswords.LockedMessage : "The code is not correct or was already used."],
        });
    }

    /// <summary>
    /// Saves through Identity (concurrency stamp): a lost race is a 409, never a silent overwrite. Switching the
    /// second factor on or off also renews the security stamp, which ends the account's login sessions
    /// (<c>Login/LoginSession</c>): a browser signed in under the old rules must sign in under the new ones.
    /// </summary>
    private static async Task<ProblemHttpResult?> SaveAsync(UserManager<TenantAccount> accounts, TenantAccount account, bool endLoginSessions = false) =>
        (await (endLoginSessions ? accounts.UpdateSecurityStampAsync(account) : accounts.UpdateAsync(account))).Succeeded
            ? null
            : AccountConflicts.ChangedMeanwhile();

    private static ProblemHttpResult NoAccount() => Problems.NotFound("There is no active account for this token.");

    private static ProblemHttpResult AlreadyEnabled() => TypedResults.Problem(
        "Two-step verification is already on. Switch it off first to enrol another authenticator.",
        statusCode: StatusCodes.Status409Conflict, title: "Two-step verification is on.", type: AlreadyEnabledType);

    private static ProblemHttpResult NotEnabled() => TypedResults.Problem(
        "Two-step verification is not on for this account.",
        statusCode: StatusCodes.Status409Conflict, title: "Two-step verification is off.", type: NotEnabledType);
}
