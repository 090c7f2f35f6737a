using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PocTracker.Identity.Data;
using PocTracker.Identity.Pages;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.Login;

/// <summary>
/// The server-rendered login page (tenant slug, e-mail, password): the form, its antiforgery token and its answers.
/// What an attempt comes to is <see cref="SignIn"/>'s to decide (throttle, lockout, audit, the session); every failure
/// gets the same page, so the text does not tell whether an account exists.
/// </summary>
internal static class LoginPage
{
    public static void MapLoginPage(this IEndpointRouteBuilder endpoints)
    {
        // "tenant" prefills the organisation (the invitation page sends a new member here with it).
        endpoints.MapGet(PagePaths.Login, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? tenant) =>
            Render(context, antiforgery, LoginTexts.For(context.Request), SafeReturnUrl(returnUrl), tenant: tenant is { Length: <= 40 } ? tenant : "", email: "", failed: false))
            .ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.Login, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm();
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery, SignIn signIn)
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

        var login = await signIn.WithPasswordAsync(slug, email, password, context.RequestAborted);
        switch (login.Result)
        {
            case PasswordLoginResult.Throttled:
                return Render(context, antiforgery, texts, returnUrl, slug, email, failed: true, StatusCodes.Status429TooManyRequests);
            case PasswordLoginResult.Failed:
                return Render(context, antiforgery, texts, returnUrl, slug, email, failed: true);
            case PasswordLoginResult.SecondFactorNeeded:
                await TwoStepLoginPage.BeginAsync(context, login.Account!, returnUrl);
                return Results.Redirect(PagePaths.LoginCode);
            case PasswordLoginResult.SignedIn:
                return Results.LocalRedirect(returnUrl);
            default:
                throw new InvalidOperationException($"Unexpected login result {login.Result}.");
        }
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
}
