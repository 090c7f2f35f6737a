using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PocTracker.Identity.Connect;

/// <summary>
/// The OAuth2/OIDC endpoints OpenIddict lets us complete ("passthrough"): OpenIddict has already
/// validated the protocol (client, redirect URI, PKCE, grant); these decide who the user is and
/// what goes in the tokens.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost("/connect/token", TokenAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.TokenEndpoint, IdentityRateLimits.AnswerTokenRequest));
        endpoints.MapGet("/connect/logout", ConfirmLogoutAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost("/connect/logout", LogoutAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        endpoints.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>Signs a logged-in user into the client; sends anyone else to the login page and back.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<TenantAccount> accounts, TenantScope scope, IdentityDb db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(IdentityModule.SessionScheme);
        var account = session.Succeeded ? await FindActiveAsync(session.Principal!, accounts, scope) : null;
        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not logged in.");
            }

            // Back to this same authorize request once logged in (query or form parameters alike).
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityModule.SessionScheme]);
        }

        var principal = AccessPrincipal.For(account, await TenantNameAsync(db, account), request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Exchanges a code or a refresh token (after re-checking the account) or client credentials for tokens.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<TenantAccount> accounts, TenantScope scope, IdentityDb db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            return Results.SignIn(AccessPrincipal.ForClient(request.ClientId!, request.GetScopes()),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = redeemed.Principal is { } previous ? await FindActiveAsync(previous, accounts, scope) : null;
        if (account is null)
        {
            // Deactivated or deleted since the code or refresh token was issued: refresh fails at once.
            return Forbid(Errors.InvalidGrant, "The account is no longer active.");
        }

        // Roles and names are read again, so a role change shows in the next access token.
        return Results.SignIn(AccessPrincipal.For(account, await TenantNameAsync(db, account), redeemed.Principal!.GetScopes()),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// An end-session request by GET (RP-initiated logout) only asks: a link or an image on another site must not end
    /// the session. With no session to end there is nothing to ask, and the client gets its answer at once.
    /// </summary>
    private static async Task<IResult> ConfirmLogoutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var session = await context.AuthenticateAsync(IdentityModule.SessionScheme);
        return session.Succeeded
            ? LogoutPage.Confirm(context, antiforgery, context.Request.Query.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())),
                context.GetOpenIddictServerRequest()?.PostLogoutRedirectUri)
            : EndSession();
    }

    /// <summary>
    /// Ends the session when the confirmation form (with its antiforgery token) posts back. Any other POST — a client
    /// posting the end-session request itself, as OpenID Connect allows, or an expired form — gets the question first.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery, TenantScope scope, AuditTrail audit)
    {
        var session = await context.AuthenticateAsync(IdentityModule.SessionScheme);
        if (!session.Succeeded)
        {
            return EndSession();
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return LogoutPage.Confirm(context, antiforgery, form.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())),
                context.GetOpenIddictServerRequest()?.PostLogoutRedirectUri);
        }

        if (AccessPrincipal.TryReadAccount(session.Principal!, out var tenantId, out var accountId))
        {
            scope.Enter(tenantId);
            await audit.RecordAsync(AuditKinds.Logout, accountId, AuditOutcomes.Success, cancellationToken: context.RequestAborted);
        }

        await context.SignOutAsync(IdentityModule.SessionScheme);
        return EndSession();
    }

    /// <summary>OpenIddict's end-session answer: back to the validated <c>post_logout_redirect_uri</c> (with <c>state</c>), else the home page.</summary>
    private static IResult EndSession() =>
        Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<TenantAccount> accounts, TenantScope scope, IdentityDb db)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = token.Principal is { } principal ? await FindActiveAsync(principal, accounts, scope) : null;
        if (account is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // OpenID Connect Core §5.4: the profile claims for "profile", the e-mail claims for "email" only.
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = account.Id.ToString(),
            [AccessPrincipal.TenantIdClaim] = account.TenantId.ToString(),
            [Claims.Role] = account.Role,
        };
        if (token.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = account.DisplayName;
            // The organisation's name as the access token carries it, for a profile page to show.
            claims[TenantClaims.TenantName] = await TenantNameAsync(db, account);
        }

        if (token.Principal!.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = account.Email!;
            claims[Claims.EmailVerified] = account.EmailConfirmed;
        }

        return Results.Ok(claims);
    }

    /// <summary>The active account a principal names, looked up inside the principal's own tenant.</summary>
    private static Task<string> TenantNameAsync(IdentityDb db, TenantAccount account) =>
        db.Tenants.AsNoTracking().Where(t => t.Id == account.TenantId).Select(t => t.Name).SingleAsync();

    private static async Task<TenantAccount?> FindActiveAsync(ClaimsPrincipal principal, UserManager<TenantAccount> accounts, TenantScope scope)
    {
        if (!AccessPrincipal.TryReadAccount(principal, out var tenantId, out var accountId))
        {
            return null;
        }

        scope.Enter(tenantId);
        var account = await accounts.Users.SingleOrDefaultAsync(a => a.Id == accountId && a.TenantId == tenantId);
        return account is { IsActive: true } ? account : null;
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
