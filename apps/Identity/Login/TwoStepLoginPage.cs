using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Connect;
using PocTracker.Identity.Data;
using PocTracker.Identity.Mfa;
using PocTracker.Identity.Pages;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.Login;

/// <summary>
/// The login's second step for accounts with two-step verification: after the right password the
/// browser holds only a short-lived "password proven" cookie (<see cref="PendingScheme"/>, 5 minutes,
/// scoped to the login pages) and this page asks for the authenticator code or a recovery code.
/// Wrong codes count towards the same growing lockout as wrong passwords and are throttled like
/// login attempts; once the account locks, the pending step ends and the person starts over.
/// </summary>
internal static class TwoStepLoginPage
{
    /// <summary>The cookie scheme that remembers a proven password while the code is asked for.</summary>
    public const string PendingScheme = "PocTracker.Identity.TwoStepPending";

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    private const string ReturnUrlItem = "returnUrl";

    public static void MapTwoStepLoginPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePaths.LoginCode, ShowAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.LoginCode, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm();
    }

    /// <summary>Called by the login page once the password of an account with a second factor was right.</summary>
    public static Task BeginAsync(HttpContext context, TenantAccount account, string returnUrl)
    {
        var pending = new ClaimsIdentity(PendingScheme);
        pending.AddClaim(new Claim("sub", account.Id.ToString()));
        pending.AddClaim(new Claim(AccessPrincipal.TenantIdClaim, account.TenantId.ToString()));
        pending.AddClaim(new Claim(LoginSession.SecurityStampClaim, account.SecurityStamp ?? ""));
        var properties = new AuthenticationProperties { Items = { [ReturnUrlItem] = returnUrl } };
        return context.SignInAsync(PendingScheme, new ClaimsPrincipal(pending), properties);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var pending = await context.AuthenticateAsync(PendingScheme);
        return pending.Succeeded
            ? Render(context, antiforgery, LoginTexts.For(context.Request), failed: false)
            : Results.Redirect(PagePaths.Login);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, TenantScope scope, UserManager<TenantAccount> accounts,
        GrowingLockout lockout, LoginThrottle throttle, SecondFactor secondFactor, AuditTrail audit, SignIn signIn)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(title: "The form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        var texts = LoginTexts.For(context.Request);
        var pending = await context.AuthenticateAsync(PendingScheme);
        if (!pending.Succeeded || !AccessPrincipal.TryReadAccount(pending.Principal!, out var tenantId, out var accountId))
        {
            return Results.Redirect(PagePaths.Login);
        }

        var returnUrl = LoginPage.SafeReturnUrl(pending.Properties?.Items.TryGetValue(ReturnUrlItem, out var url) == true ? url : null);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress?.ToString(), "two-step", accountId.ToString()))
        {
            context.Response.Headers.RetryAfter = throttle.RetryAfter;
            return Render(context, antiforgery, texts, failed: true, StatusCodes.Status429TooManyRequests);
        }

        scope.Enter(tenantId);
        var account = await accounts.FindByIdAsync(accountId.ToString());
        if (account is null || account.TenantId != tenantId || !account.IsActive || lockout.IsLockedOut(account) || !account.HasTwoStepVerification
            || pending.Principal!.FindFirst(LoginSession.SecurityStampClaim)?.Value != account.SecurityStamp)
        {
            // Deactivated, locked or changed since the password step (a new stamp: the password proven is no longer
            // the account's, or two-step verification was switched off and on): start over from the login page.
            await context.SignOutAsync(PendingScheme);
            return Results.Redirect(PagePaths.Login);
        }

        var method = await secondFactor.VerifyAsync(account, form["code"].ToString());
        if (method == SecondFactorMethod.None)
        {
            var locked = await lockout.RecordFailureAsync(account);
            await audit.RecordAsync(AuditKinds.Login, account.Id, AuditOutcomes.Failure, "wrong second-factor code", cancellationToken: context.RequestAborted);
            signIn.LogFailed(tenantId, "wrong second-factor code");
            if (locked)
            {
                await audit.RecordAsync(AuditKinds.Lockout, account.Id, AuditOutcomes.Success, $"locked until {account.LockoutEnd:O}", cancellationToken: context.RequestAborted);
                await context.SignOutAsync(PendingScheme);
                return Results.Redirect(PagePaths.Login);
            }

            return Render(context, antiforgery, texts, failed: true);
        }

        await context.SignOutAsync(PendingScheme);
        var how = method == SecondFactorMethod.Totp ? "password + authenticator code" : $"password + recovery code ({account.RecoveryCodes.Count} left)";
        await signIn.CompleteAsync(account, how, context.RequestAborted);
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, LoginTexts texts, bool failed, int? statusCode = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = HtmlEncoder.Default;
        var error = failed ? $"""<p class="error" role="alert">{e.Encode(texts.CodeFailed)}</p>""" : "";
        var body = $$"""
              {{error}}
              <form method="post" action="{{PagePaths.LoginCode}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
                <label for="code">{{e.Encode(texts.Code)}}</label>
                <input id="code" name="code" autocomplete="one-time-code" required maxlength="64" autofocus>
                <p class="help">{{e.Encode(texts.CodeHelp)}}</p>
                <button type="submit">{{e.Encode(texts.CodeSubmit)}}</button>
              </form>
              <p><a href="{{PagePaths.Login}}">{{e.Encode(texts.StartOver)}}</a></p>
            """;
        return LoginPage.Page(context, texts, texts.CodeTitle, body, statusCode);
    }
}
