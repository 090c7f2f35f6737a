using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Catalog;

/// <summary>
/// Who sees and changes what inside a tenant (RLS already keeps other tenants out): members see
/// their own POCs and the tenant-visible ones of others; owners and admins see all. Only a POC's
/// owner, or an admin, changes it.
/// </summary>
internal static class PocAccess
{
    /// <summary>SQL predicate over <c>pocs</c>; binds <c>@TenantId</c>, <c>@UserId</c>, <c>@IsAdmin</c>.</summary>
    public const string VisibleSql = "tenant_id = @TenantId and (@IsAdmin or owner_id = @UserId or visibility = 'tenant')";

    public static object Parameters(TenantUser user) => new { user.TenantId, user.UserId, IsAdmin = user.IsTenantAdmin };

    public static bool CanChange(TenantUser user, Guid ownerId) => user.IsTenantAdmin || ownerId == user.UserId;
}
