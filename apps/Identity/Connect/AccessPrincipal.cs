using System.Security.Claims;
using PocTracker.ServiceDefaults.Auth;
using OpenIddict.Abstractions;
using PocTracker.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PocTracker.Identity.Connect;

/// <summary>
/// What a token says about its holder. Access tokens (RFC 9068 JWTs) carry <c>sub</c>,
/// <c>tenant_id</c>, <c>role</c> and <c>name</c>; their audiences are the APIs whose scopes were
/// granted. The identity token carries the profile and e-mail only when those scopes were asked for.
/// </summary>
internal static class AccessPrincipal
{
    public const string TenantIdClaim = "tenant_id";

    /// <summary>An account's principal; <paramref name="tenantName"/> travels as <c>tenant_name</c> for what apps show (a report's cover).</summary>
    public static ClaimsPrincipal For(TenantAccount account, string tenantName, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "PocTracker", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(TenantIdClaim, account.TenantId.ToString())
            .SetClaim(TenantClaims.TenantName, tenantName)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.Role, account.Role);
        return Finish(identity, scopes);
    }

    /// <summary>The tenant and account a session or token principal names, when it names both.</summary>
    public static bool TryReadAccount(ClaimsPrincipal principal, out Guid tenantId, out Guid accountId)
    {
        accountId = Guid.Empty;
        return Guid.TryParse(principal.GetClaim(TenantIdClaim), out tenantId) &&
               Guid.TryParse(principal.GetClaim(Claims.Subject), out accountId);
    }

    /// <summary>A client acting for itself (client credentials): no user, no tenant.</summary>
    public static ClaimsPrincipal ForClient(string clientId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "PocTracker", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, clientId);
        return Finish(identity, scopes);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var granted = scopes.ToArray();
        identity.SetScopes(granted);
        identity.SetResources(granted.Intersect(IdentityModule.ApiScopes, StringComparer.Ordinal));
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when granted.Contains(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when granted.Contains(Scopes.Email) => [Destinations.IdentityToken],
            Claims.Email => [],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
