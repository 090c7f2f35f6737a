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

    /// <summary><see cref="VisibleSql"/> over the <c>pocs</c> row called <paramref name="alias"/> in a join.</summary>
    public static string VisibleSqlOf(string alias) =>
        $"{alias}.tenant_id = @TenantId and (@IsAdmin or {alias}.owner_id = @UserId or {alias}.visibility = 'tenant')";

    /// <summary>
    /// The same rule over a row of a search side table (migration 0002), which carries the owner of a
    /// private POC as <c>private_owner</c> (null when the POC is visible to the tenant).
    /// </summary>
    public static string VisibleSideRowSql(string alias) =>
        $"{alias}.tenant_id = @TenantId and (@IsAdmin or {alias}.private_owner is null or {alias}.private_owner = @UserId)";

    public static object Parameters(TenantUser user) => new { user.TenantId, user.UserId, IsAdmin = user.IsTenantAdmin };

    public static bool CanChange(TenantUser user, Guid ownerId) => user.IsTenantAdmin || ownerId == user.UserId;
}
