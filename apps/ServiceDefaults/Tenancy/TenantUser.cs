using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PocTracker.ServiceDefaults.Auth;

namespace PocTracker.ServiceDefaults.Tenancy;

/// <summary>Who is acting, and in which tenant: read from the access token, never from the URL or body.</summary>
/// <param name="TenantId">The token's <c>tenant_id</c>.</param>
/// <param name="UserId">The token's <c>sub</c>.</param>
/// <param name="Roles">The token's roles.</param>
public sealed record TenantUser(Guid TenantId, Guid UserId, IReadOnlySet<string> Roles)
{
    /// <summary>Owners and admins see and change everything in their tenant.</summary>
    public bool IsTenantAdmin => Roles.Contains(TenantClaims.Roles.Owner) || Roles.Contains(TenantClaims.Roles.Admin);

    /// <summary>
    /// Lets a minimal-API endpoint take the caller as a parameter. Such endpoints require a tenant
    /// user (<c>RequireTenantUser</c>), so a missing claim here is a server bug, not bad input.
    /// </summary>
    public static ValueTask<TenantUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<TenantUser?>(FromPrincipal(context.User)
            ?? throw new InvalidOperationException("The endpoint must require a tenant user before binding one."));

    /// <summary>The user of an authenticated principal, or null when it lacks a tenant or subject.</summary>
    public static TenantUser? FromPrincipal(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirst(TenantClaims.TenantId)?.Value, out var tenantId) ||
            !Guid.TryParse(principal.FindFirst(TenantClaims.Subject)?.Value, out var userId))
        {
            return null;
        }

        var roles = principal.FindAll(TenantClaims.Role).Concat(principal.FindAll("roles"))
            .Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new TenantUser(tenantId, userId, roles);
    }
}
