using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace PocTracker.ServiceDefaults.Auth;

/// <summary>Authorization every app's API uses: a tenant user whose token was issued for this app.</summary>
public static class AppAuthorization
{
    /// <summary>
    /// Requires an authenticated user with a tenant (<c>tenant_id</c> and <c>sub</c> are GUIDs) and
    /// a token whose audience names <paramref name="audience"/>.
    /// </summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder, string audience)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim("aud", audience)
            .RequireAssertion(context =>
                Guid.TryParse(context.User.FindFirst(TenantClaims.TenantId)?.Value, out _) &&
                Guid.TryParse(context.User.FindFirst(TenantClaims.Subject)?.Value, out _)));
}
