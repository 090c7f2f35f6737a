using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.ServiceDefaults.Auth;

/// <summary>
/// The audience an endpoint's access tokens must name (RFC 9068 §4), as endpoint metadata. It is part of
/// validating the token: a token for another app (in Standalone every app's audience is valid for the
/// process) is an invalid token, 401 with <c>error="invalid_token"</c> (RFC 6750 §3.1), like one from
/// another issuer. 403 stays for a valid token that does not allow the request.
/// </summary>
public sealed record AccessTokenAudience(string Audience)
{
    /// <summary>The JWT claim (names are kept as sent: <c>MapInboundClaims = false</c>).</summary>
    internal const string TokenAudienceClaim = "aud";

    /// <summary>Fails the token when the endpoint asks for an audience the token does not name.</summary>
    internal static Task CheckAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        foreach (var required in context.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<AccessTokenAudience>() ?? [])
        {
            if (principal is null || !principal.HasClaim(TokenAudienceClaim, required.Audience))
            {
                var named = principal?.FindAll(TokenAudienceClaim).Select(claim => claim.Value) ?? [];
                context.Fail(new SecurityTokenInvalidAudienceException($"The token is not for this API: its audience does not include '{required.Audience}'.")
                {
                    InvalidAudience = string.Join(", ", named),
                });
                break;
            }
        }

        return Task.CompletedTask;
    }
}
