using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// A person changes their own password. The new one goes through the same policy as at sign-up
/// (the 8-character minimum applies only while two-step verification is on, and then the second
/// factor cannot be switched off until the password is long enough to stand alone). The current password is
/// checked behind the login's throttle and lockout (<see cref="AccountPasswords"/>). Afterwards every session ends:
/// a new security stamp, all the account's refresh tokens and grants revoked (a thief holding one is out), access
/// tokens expire within 10 minutes.
/// </summary>
internal static class ChangePassword
{
    public static RouteGroupBuilder MapChangePassword(this RouteGroupBuilder tenantApi)
    {
        tenantApi.MapPost("/me/password", HandleAsync)
            .WithName("ChangePassword")
            .WithTags("Identity")
            .WithSummary("Change your password")
            .WithDescription("204 when changed (every session is signed out: log in again); 400 with field errors (currentPassword, newPassword).");
        return tenantApi;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ChangePasswordRequest request, TenantUser user, IdentityDb db, TenantScope scope, AccountPasswords passwords, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound("There is no active account for this token.");
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["newPassword"] = ["Choose a new password."] });
        }

        var verdict = await passwords.VerifyAsync(account, request.CurrentPassword, cancellationToken);
        if (verdict == PasswordVerdict.Throttled)
        {
            return AccountPasswords.TooManyAttempts();
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var locked = verdict is PasswordVerdict.LockedOut or PasswordVerdict.WrongAndLocked;
            await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Failure, verdict == PasswordVerdict.LockedOut ? "locked out" : "wrong current password",
                actorId: account.Id, cancellationToken: cancellationToken);
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["currentPassword"] = [locked ? AccountPasswords.LockedMessage : "The current password is not correct."],
            });
        }

        var changed = await passwords.ReplaceAsync(account, request.NewPassword, endLockout: false, cancellationToken);
        if (AccountConflicts.IsConcurrencyFailure(changed))
        {
            return AccountConflicts.ChangedMeanwhile();
        }

        if (!changed.Succeeded)
        {
            await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Failure, "new password refused by the policy", actorId: account.Id, cancellationToken: cancellationToken);
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["newPassword"] = [.. changed.Errors.Select(e => e.Description)],
            });
        }

        await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Success, "sessions ended", actorId: account.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}
