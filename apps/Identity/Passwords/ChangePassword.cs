using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using PocTracker.Identity.Accounts;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Login;
using PocTracker.Identity.Mfa;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Passwords;

/// <summary>Changing one's password: the current one, and the new one.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A person changes their own password. The new one goes through the same policy as at sign-up
/// (the 8-character minimum applies only while two-step verification is on, and then the second
/// factor cannot be switched off until the password is long enough to stand alone). Wrong current
/// passwords count towards the lockout. Afterwards every session ends: all the account's refresh
/// tokens and grants are revoked (a thief holding one is out), access tokens expire within 10 minutes.
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
        ChangePasswordRequest request, TenantUser user, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        GrowingLockout lockout, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var account = await AccountAdministration.FindCallerToChangeAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound("There is no active account for this token.");
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["newPassword"] = ["Choose a new password."] });
        }

        if (lockout.IsLockedOut(account))
        {
            await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Failure, "locked out", actorId: account.Id, cancellationToken: cancellationToken);
            return CurrentPasswordProblem(locked: true);
        }

        // Saved with the new hash by the change below; only an account with a second factor may have a short password.
        var needsMfaBefore = account.PasswordNeedsMfa;
        account.PasswordNeedsMfa = TotpAuthenticator.IsEnabled(account)
            && PasswordPolicy.Normalize(request.NewPassword).EnumerateRunes().Count() < PasswordPolicy.MinimumLengthWithoutMfa;

        // One PBKDF2 verification: Identity checks the current password, runs the policy (PolicyPasswordValidator)
        // on the new one, hashes it, renews the security stamp and saves, or changes nothing.
        var changed = await accounts.ChangePasswordAsync(account, request.CurrentPassword ?? "", request.NewPassword);
        if (!changed.Succeeded)
        {
            account.PasswordNeedsMfa = needsMfaBefore;
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                var locked = await lockout.RecordFailureAsync(account);
                await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Failure, "wrong current password", actorId: account.Id, cancellationToken: cancellationToken);
                return CurrentPasswordProblem(locked);
            }

            await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Failure, "new password refused by the policy", actorId: account.Id, cancellationToken: cancellationToken);
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["newPassword"] = [.. changed.Errors.Select(e => e.Description)],
            });
        }

        var subject = account.Id.ToString();
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordChange, account.Id, AuditOutcomes.Success, "sessions ended", actorId: account.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem CurrentPasswordProblem(bool locked) => Problems.Validation(new Dictionary<string, string[]>
    {
        ["currentPassword"] = [locked ? "Too many wrong attempts: wait a few minutes and try again." : "The current password is not correct."],
    });
}
