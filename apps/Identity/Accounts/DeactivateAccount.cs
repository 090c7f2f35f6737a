using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

internal static class DeactivateAccount
{
    public static void MapDeactivateAccount(this RouteGroupBuilder api) => api
        .MapPost("/accounts/{id:guid}/deactivate", HandleAsync)
        .WithName("DeactivateAccount")
        .WithSummary("Deactivate an account")
        .WithDescription("Owners and admins; admins cannot deactivate owners. The account can no longer log in, its refresh tokens and " +
                         "authorizations are revoked at once (access tokens already issued live out their 10 minutes). " +
                         "200 with the account; 403; 404 for an account not in your organisation; 409 (last-owner) for the last active owner.");

    private static async Task<Results<Ok<AccountSummary>, ProblemHttpResult>> HandleAsync(
        Guid id, TenantUser user, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AuditTrail audit, CancellationToken cancellationToken)
    {
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            await audit.RecordRefusalAsync(AuditKinds.Deactivation, id, "refused: only owners and admins deactivate accounts", user, cancellationToken);
            return Problems.Forbidden("Only the organisation's owners and admins deactivate accounts.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AccountAdministration.LockTenantAsync(db, user.TenantId, cancellationToken);
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id && a.TenantId == user.TenantId, cancellationToken);
        if (account is null)
        {
            return AccountProblems.NoSuchAccount();
        }

        string? refusal = null;
        ProblemHttpResult? problem = null;
        if (account.Role == AccountRoles.Owner && !caller.IsOwner())
        {
            (refusal, problem) = ("refused: admins cannot deactivate owners", Problems.Forbidden("Admins cannot deactivate owners."));
        }
        else if (account.Role == AccountRoles.Owner && account.IsActive && !await AccountAdministration.AnotherActiveOwnerAsync(db, user.TenantId, account.Id, cancellationToken))
        {
            (refusal, problem) = ("refused: the last active owner", AccountProblems.LastOwner());
        }

        if (problem is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.RecordRefusalAsync(AuditKinds.Deactivation, account.Id, refusal!, user, cancellationToken);
            return problem;
        }

        // A new security stamp also invalidates anything derived from the old one (reset tokens, later MFA cookies).
        account.IsActive = false;
        var updated = await accounts.UpdateSecurityStampAsync(account);
        if (AccountConflicts.IsConcurrencyFailure(updated))
        {
            await transaction.RollbackAsync(cancellationToken);
            return AccountConflicts.ChangedMeanwhile();
        }

        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("Deactivating failed: " + string.Join("; ", updated.Errors.Select(e => e.Code)));
        }

        // The token endpoint already refuses an inactive account; revoking also kills the refresh tokens
        // themselves, so nothing issued before now is redeemable even if the account were reactivated.
        var subject = account.Id.ToString();
        var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        var revokedTokens = await tokens.RevokeBySubjectAsync(subject, cancellationToken);

        await audit.RecordAsync(AuditKinds.Deactivation, account.Id, AuditOutcomes.Success,
            $"deactivated; {revokedAuthorizations} authorizations and {revokedTokens} tokens revoked", actorId: user.UserId, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AccountSummaries.Of(account));
    }
}
