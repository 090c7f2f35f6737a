using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using PocTracker.Identity.Pages;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.RateLimiting;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.PasswordReset;

/// <summary>
/// "Forgot your password?" (<c>/account/forgot-password</c>, linked from the login page): asks for the organisation and
/// the e-mail, asks <see cref="ForgottenPasswords"/> for a link, and always answers "check your e-mail", whether or not
/// such an account exists. Server-rendered like the login page (<see cref="AccountPage"/>: en/pt-BR, antiforgery,
/// no-store, no framing); its posts share the API's rate limit.
/// </summary>
internal static class ForgotPasswordPage
{
    public static void MapForgotPasswordPage(this IEndpointRouteBuilder endpoints)
    {
        // "tenant" prefills the organisation, as on the login page.
        endpoints.MapGet(PagePaths.ForgotPassword, (HttpContext context, IAntiforgery antiforgery, string? tenant) =>
                Form(context, antiforgery, PasswordResetTexts.For(context.Request), tenant is { Length: <= 40 } ? tenant : "", email: "", problem: null))
            .ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.ForgotPassword, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.PasswordResetRequest, AnswerTooManyAsync));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery, ForgottenPasswords forgotten)
    {
        var texts = PasswordResetTexts.For(context.Request);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var slug = form["tenant"].ToString();
        var email = form["email"].ToString();
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Form(context, antiforgery, texts, slug, email, texts.FormExpired, StatusCodes.Status400BadRequest);
        }

        var result = await forgotten.RequestAsync(slug, email, texts, context.RequestAborted);
        switch (result.Status)
        {
            case ResetRequestStatus.Invalid:
                return Form(context, antiforgery, texts, slug, email, texts.InvalidRequest, StatusCodes.Status400BadRequest);
            case ResetRequestStatus.TooMany:
                context.Response.Headers.RetryAfter = RateLimitingSetup.Seconds(result.RetryAfter!.Value);
                return Message(context, texts, texts.ForgotTitle, texts.TooMany, StatusCodes.Status429TooManyRequests);
            default:
                return Message(context, texts, texts.SentTitle, texts.Sent, StatusCodes.Status200OK, slug.Trim().ToLowerInvariant());
        }
    }

    private static IResult Form(
        HttpContext context, IAntiforgery antiforgery, PasswordResetTexts texts, string tenant, string email, string? problem, int? statusCode = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = AccountPage.Html;
        var error = problem is null ? "" : $"""<p class="error" role="alert">{e.Encode(problem)}</p>""";
        var body = $$"""
              <h1>{{e.Encode(texts.ForgotTitle)}}</h1>
              <p>{{e.Encode(texts.ForgotIntro)}}</p>
              {{error}}
              <form method="post" action="{{PagePaths.ForgotPassword}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
                <label for="tenant">{{e.Encode(texts.Login.Tenant)}}</label>
                <input id="tenant" name="tenant" autocomplete="organization" required maxlength="40" value="{{e.Encode(tenant)}}">
                <p class="help">{{e.Encode(texts.Login.Help)}}</p>
                <label for="email">{{e.Encode(texts.Login.Email)}}</label>
                <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="{{e.Encode(email)}}">
                <button type="submit">{{e.Encode(texts.ForgotSubmit)}}</button>
              </form>
              <p><a href="{{PagePaths.Login}}">{{e.Encode(texts.BackToLogin)}}</a></p>
            """;
        return AccountPage.Render(context, texts.Lang, texts.ForgotTitle, body, statusCode);
    }

    /// <summary>A page with a heading, a paragraph and the way back to the login page (the organisation filled in, when known).</summary>
    internal static IResult Message(HttpContext context, PasswordResetTexts texts, string title, string text, int statusCode, string? tenantSlug = null, string? link = null, string? linkText = null)
    {
        var e = AccountPage.Html;
        var login = PagePaths.Login + (string.IsNullOrEmpty(tenantSlug) || tenantSlug.Length > 40 ? "" : "?tenant=" + Uri.EscapeDataString(tenantSlug));
        var more = new StringBuilder();
        if (link is not null)
        {
            more.Append("<p><a href=\"").Append(e.Encode(link)).Append("\">").Append(e.Encode(linkText ?? link)).Append("</a></p>");
        }

        var body = $"""
              <h1>{e.Encode(title)}</h1>
              <p>{e.Encode(text)}</p>
              {more}
              <p><a href="{e.Encode(login)}">{e.Encode(texts.BackToLogin)}</a></p>
            """;
        return AccountPage.Render(context, texts.Lang, title, body, statusCode);
    }

    /// <summary>The page the rate limiter answers a refused form with (the API gets a problem); also the reset page's.</summary>
    internal static async ValueTask AnswerTooManyAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        RateLimitingSetup.SetRetryAfter(context);
        var texts = PasswordResetTexts.For(context.HttpContext.Request);
        await Message(context.HttpContext, texts, texts.ForgotTitle, texts.TooMany, StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context.HttpContext);
    }
}
