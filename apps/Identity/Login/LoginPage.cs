using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Pages;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.Login;

/// <summary>
/// The server-rendered login page (tenant slug, e-mail, password). Every failure — unknown
/// organisation, unknown e-mail, wrong password, locked or deactivated account — gets the same
/// answer, and the unknown cases still spend a password verification (<see cref="AccountPasswords"/>, which also
/// throttles and locks), so neither the text nor the timing tells whether an account exists.
/// </summary>
internal static partial class LoginPage
{
    public static void MapLoginPage(this IEndpointRouteBuilder endpoints)
    {
        // "tenant" prefills the organisation (the invitation page sends a new member here with it).
        endpoints.MapGet(PagePaths.Login, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? tenant) =>
            Render(context, antiforgery, LoginTexts.For(context.Request), SafeReturnUrl(returnUrl), tenant: tenant is { Length: <= 40 } ? tenant : "", email: "", failed: false))
            .ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.Login, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm();
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        AccountPasswords passwords, GrowingLockout lockout, AuditTrail audit, ILoggerFactory loggers)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(title: "The form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var texts = LoginTexts.For(context.Request);
        var slug = form["tenant"].ToString().Trim().ToLowerInvariant();
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var logger = loggers.CreateLogger("PocTracker.Identity.Login");

        Tenant? tenant = null;
        TenantAccount? account = null;
        var verdict = await passwords.VerifyAsync(slug, email, async () =>
        {
            tenant = slug.Length is > 0 and <= 40 ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, context.RequestAborted) : null;
            if (tenant is not null)
            {
                scope.Enter(tenant.Id); // also for the audit of a failure in a known organisation (an empty e-mail too)
                if (email.Length is > 0 and <= TenantAccount.MaxEmailLength)
                {
                    account = await accounts.FindByNameAsync(TenantAccount.UserNameFor(tenant.Id, email));
                }
            }

            return account;
        }, password, context.RequestAborted);

        if (verdict == PasswordVerdict.Throttled)
        {
            return Render(context, antiforgery, texts, returnUrl, slug, email, failed: true, StatusCodes.Status429TooManyRequests);
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var failure = verdict switch
            {
                PasswordVerdict.UnknownAccount => "unknown account",
                PasswordVerdict.Deactivated => "deactivated account",
                PasswordVerdict.LockedOut => "locked out",
                _ => "wrong password",
            };
            LogFailed(logger, tenant?.Id, failure);
            if (tenant is not null)
            {
                await audit.RecordAsync(AuditKinds.Login, account?.Id, AuditOutcomes.Failure, failure, cancellationToken: context.RequestAborted);
            }

            return Render(context, antiforgery, texts, returnUrl, slug, email, failed: true);
        }

        if (account!.HasTwoStepVerification)
        {
            // The password was right; the session starts only after the second factor (TwoStepLoginPage).
            await TwoStepLoginPage.BeginAsync(context, account!, returnUrl);
            return Results.Redirect(PagePaths.LoginCode);
        }

        return await CompleteAsync(context, account!, lockout, audit, logger, "password", returnUrl);
    }

    /// <summary>Every factor is proven: starts the identity app's session and goes back to the authorize request.</summary>
    internal static async Task<IResult> CompleteAsync(
        HttpContext context, TenantAccount account, GrowingLockout lockout, AuditTrail audit, ILogger logger, string method, string returnUrl)
    {
        await lockout.RecordSuccessAsync(account);
        await audit.RecordAsync(AuditKinds.Login, account.Id, AuditOutcomes.Success, method, cancellationToken: context.RequestAborted);
        // The session carries the account's security stamp: renewing the stamp ends it (LoginSession).
        await context.SignInAsync(IdentityModule.SessionScheme, LoginSession.For(account));
        LogSucceeded(logger, account.TenantId, account.Id);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>Only local paths: an open redirect would hand the session to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, LoginTexts texts, string returnUrl, string tenant, string email, bool failed, int? statusCode = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = HtmlEncoder.Default;
        var error = failed ? $"""<p class="error" role="alert">{e.Encode(texts.Failed)}</p>""" : "";
        var body = $$"""
              {{error}}
              <form method="post" action="{{PagePaths.Login}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
                <input type="hidden" name="returnUrl" value="{{e.Encode(returnUrl)}}">
                <label for="tenant">{{e.Encode(texts.Tenant)}}</label>
                <input id="tenant" name="tenant" autocomplete="organization" required maxlength="40" value="{{e.Encode(tenant)}}">
                <p class="help">{{e.Encode(texts.Help)}}</p>
                <label for="email">{{e.Encode(texts.Email)}}</label>
                <input id="email" name="email" type="email" autocomplete="username" required maxlength="{{TenantAccount.MaxEmailLength}}" value="{{e.Encode(email)}}">
                <label for="password">{{e.Encode(texts.Password)}}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">{{e.Encode(texts.Submit)}}</button>
              </form>
              <p><a href="{{PagePaths.ForgotPassword}}">{{e.Encode(texts.ForgotPassword)}}</a></p>
            """;
        return Page(context, texts, texts.Title, body, statusCode);
    }

    /// <summary>An account page with its title as heading (the login page and its second step).</summary>
    internal static IResult Page(HttpContext context, LoginTexts texts, string title, string body, int? statusCode = null) =>
        AccountPage.Render(context, texts.Lang, title, $"""
              <h1>{HtmlEncoder.Default.Encode(title)}</h1>
            {body}
            """, statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login failed for tenant {TenantId}: {Reason}")]
    internal static partial void LogFailed(ILogger logger, Guid? tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login succeeded: tenant {TenantId}, account {AccountId}")]
    private static partial void LogSucceeded(ILogger logger, Guid tenantId, Guid accountId);
}
