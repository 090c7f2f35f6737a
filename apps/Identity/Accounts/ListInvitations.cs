using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

internal static class ListInvitations
{
    public static void MapListInvitations(this RouteGroupBuilder api) => api
        .MapGet("/invitations", HandleAsync)
        .WithName("ListInvitations")
        .WithSummary("The organisation's pending invitations, newest first")
        .WithDescription("Owners and admins only; accepted and expired invitations are not listed.");

    private static async Task<Results<Ok<List<PendingInvitation>>, ProblemHttpResult>> HandleAsync(
        TenantUser user, IdentityDb db, TenantScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            return Problems.Forbidden("Only the organisation's owners and admins see its invitations.");
        }

        var now = time.GetUtcNow();
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == user.TenantId && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.InvitedBy, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(pending);
    }
}
