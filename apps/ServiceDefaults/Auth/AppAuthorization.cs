using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace PocTracker.ServiceDefaults.Auth;

/// <summary>Authorization every app's API uses: a tenant user whose token was issued for this app.</summary>
public static class AppAuthorization
{
    /// <summary>
    /// Requires an authenticated user with a tenant (<c>tenant_id</c> and <c>sub</c> are GUIDs) and
    /// a token whose audience names <paramref name="audience"/>. The audience is checked with the token
    /// (<see cref="AccessTokenAudience"/>: another app's token is a 401); the policy checks it again, so
    /// a change to token validation could never let such a token through.
    /// </summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder, string audience)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessTokenAudience(audience)).RequireAuthorization(policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(AccessTokenAudience.TokenAudienceClaim, audience)
            .RequireAssertion(context =>
                Guid.TryParse(context.User.FindFirst(TenantClaims.TenantId)?.Value, out _) &&
                Guid.TryParse(context.User.FindFirst(TenantClaims.Subject)?.Value, out _)));
}
