using Microsoft.EntityFrameworkCore;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Data;

/// <summary>
/// The account of whoever calls an API route, as stored now: what they may do is decided from it (active, with its
/// current role), never from the role in an access token that may be ten minutes old.
/// </summary>
internal static class CallerAccount
{
    /// <summary>The caller's account, if it is still active. Enters the caller's tenant first.</summary>
    public static async Task<TenantAccount?> FindAsync(IdentityDb db, TenantScope scope, TenantUser user, CancellationToken cancellationToken)
    {
        scope.Enter(user.TenantId);
        return await db.Users.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == user.UserId && a.TenantId == user.TenantId && a.IsActive, cancellationToken);
    }

    /// <summary>
    /// The caller's active account, tracked, for handlers that change it through
    /// <c>UserManager</c> (which attaches the entity it is given: a second, untracked copy of the
    /// same account in the context would conflict with it).
    /// </summary>
    public static async Task<TenantAccount?> FindToChangeAsync(IdentityDb db, TenantScope scope, TenantUser user, CancellationToken cancellationToken)
    {
        scope.Enter(user.TenantId);
        return await db.Users.SingleOrDefaultAsync(a => a.Id == user.UserId && a.TenantId == user.TenantId && a.IsActive, cancellationToken);
    }
}
