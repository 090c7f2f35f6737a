using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

internal static class ListAccounts
{
    public static void MapListAccounts(this RouteGroupBuilder api) => api
        .MapGet("/accounts", HandleAsync)
        .WithName("ListAccounts")
        .WithSummary("The organisation's accounts, oldest first")
        .WithDescription("Owners and admins only; deactivated accounts are listed with isActive false.");

    private static async Task<Results<Ok<List<AccountSummary>>, ProblemHttpResult>> HandleAsync(
        TenantUser user, IdentityDb db, TenantScope scope, CancellationToken cancellationToken)
    {
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            return Problems.Forbidden("Only the organisation's owners and admins list its accounts.");
        }

        var accounts = await db.Users.AsNoTracking()
            .Where(a => a.TenantId == user.TenantId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new AccountSummary(a.Id, a.Email ?? "", a.DisplayName, a.Role, a.IsActive))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(accounts);
    }
}
