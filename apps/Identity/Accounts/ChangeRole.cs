using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

internal static class ChangeRole
{
    public static void MapChangeRole(this RouteGroupBuilder api) => api
        .MapPut("/accounts/{id:guid}/role", HandleAsync)
        .WithName("ChangeAccountRole")
        .WithSummary("Change an account's role")
        .WithDescription("Owners and admins; only owners make or unmake owners. The next access token of the account carries the new role. " +
                         "200 with the account; 400; 403; 404 for an account not in your organisation; 409 (last-owner) when it would leave no active owner.");

    private static async Task<Results<Ok<AccountSummary>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, RoleChangeRequest request, TenantUser user, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            await audit.RecordRefusalAsync(AuditKinds.RoleChange, id, "refused: only owners and admins change roles", user, cancellationToken);
            return Problems.Forbidden("Only the organisation's owners and admins change roles.");
        }

        if (!AccountRoles.IsRole(request.Role))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["role"] = ["The role is one of owner, admin, member."] });
        }

        var role = request.Role!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AccountAdministration.LockTenantAsync(db, user.TenantId, cancellationToken);
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id && a.TenantId == user.TenantId, cancellationToken);
        if (account is null)
        {
            return AccountProblems.NoSuchAccount();
        }

        var previous = account.Role;
        if (previous == role)
        {
            return TypedResults.Ok(AccountSummaries.Of(account));
        }

        string? refusal = null;
        ProblemHttpResult? problem = null;
        if ((previous == AccountRoles.Owner || role == AccountRoles.Owner) && !caller.IsOwner())
        {
            (refusal, problem) = ("refused: only owners make or unmake owners", Problems.Forbidden("Only owners make or unmake owners."));
        }
        else if (previous == AccountRoles.Owner && account.IsActive && !await AccountAdministration.AnotherActiveOwnerAsync(db, user.TenantId, account.Id, cancellationToken))
        {
            (refusal, problem) = ($"refused: {previous} → {role} would leave no active owner", AccountProblems.LastOwner());
        }

        if (problem is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.RecordRefusalAsync(AuditKinds.RoleChange, account.Id, refusal!, user, cancellationToken);
            return problem;
        }

        account.Role = role;
        var updated = await accounts.UpdateAsync(account);
        if (AccountConflicts.IsConcurrencyFailure(updated))
        {
            await transaction.RollbackAsync(cancellationToken);
            return AccountConflicts.ChangedMeanwhile();
        }

        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("Updating the role failed: " + string.Join("; ", updated.Errors.Select(e => e.Code)));
        }

        await audit.RecordAsync(AuditKinds.RoleChange, account.Id, AuditOutcomes.Success, $"{previous} → {role}", actorId: user.UserId, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AccountSummaries.Of(account));
    }
}
