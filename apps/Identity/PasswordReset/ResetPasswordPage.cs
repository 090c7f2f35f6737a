using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using PocTracker.Identity.Pages;
using PocTracker.Identity.Passwords;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.PasswordReset;

/// <summary>
/// The page a reset mail links to (<c>/account/reset-password?token=…</c>): names the account, asks for the new
/// password, sets it through <see cref="ForgottenPasswords"/> (the API's own code) and sends the person to log in. An
/// unknown, used or expired link gets one page that names nothing and offers a new link. Server-rendered like the
/// login page (<see cref="AccountPage"/>: en/pt-BR, antiforgery, no-store, no framing, no Referer: the address holds
/// the secret); its posts share the API's rate limit.
/// </summary>
internal static class ResetPasswordPage
{
    public static void MapResetPasswordPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePaths.ResetPassword, ShowAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.ResetPassword, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.PasswordResetConfirmation, ForgotPasswordPage.AnswerTooManyAsync));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, IAntiforgery antiforgery, ForgottenPasswords forgotten, string? token)
    {
        var texts = PasswordResetTexts.For(context.Request);
        var link = await forgotten.FindUsableAsync(token, context.RequestAborted);
        return link is null ? Unusable(context, texts) : Form(context, antiforgery, texts, token!, link, problems: []);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery, ForgottenPasswords forgotten, PasswordPolicy policy)
    {
        var texts = PasswordResetTexts.For(context.Request);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"].ToString();
        var password = form["password"].ToString();

        var link = await forgotten.FindUsableAsync(token, context.RequestAborted);
        if (link is null)
        {
            return Unusable(context, texts);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Form(context, antiforgery, texts, token, link, [texts.FormExpired], StatusCodes.Status400BadRequest);
        }

        var result = await forgotten.ConfirmAsync(token, password, context.RequestAborted);
        switch (result.Status)
        {
            case ResetStatus.Reset:
                // 303: the browser follows with a GET, and reloading the login page cannot post the form again.
                context.Response.Headers.Location = PagePaths.Login + "?tenant=" + Uri.EscapeDataString(result.Slug!);
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case ResetStatus.Invalid:
                return Form(context, antiforgery, texts, token, link, PasswordFeedback(policy, texts, link, password, result.Errors!), StatusCodes.Status400BadRequest);
            case ResetStatus.Conflict:
                return Form(context, antiforgery, texts, token, link, [texts.ChangedMeanwhile], StatusCodes.Status409Conflict);
            default:
                return Unusable(context, texts);
        }
    }

    /// <summary>
    /// The policy's failures and advice in the page's language. The decision was the reset's (the same policy, through
    /// ASP.NET Core Identity); this only explains it, falling back to its messages.
    /// </summary>
    private static string[] PasswordFeedback(
        PasswordPolicy policy, PasswordResetTexts texts, UsableResetLink link, string password, IReadOnlyDictionary<string, string[]> errors)
    {
        if (password.Length == 0 || password.Length > PasswordPolicy.MaximumInputLength)
        {
            return [.. errors.Values.SelectMany(messages => messages)];
        }

        var check = policy.Check(password, ForgottenPasswords.ContextOf(link));
        return check.IsAcceptable
            ? [.. errors.Values.SelectMany(messages => messages)]
            : [.. check.Failures.Select(f => f.Message(texts.Culture)), .. check.Suggestions.Select(s => s.Text(texts.Culture))];
    }

    private static IResult Form(
        HttpContext context, IAntiforgery antiforgery, PasswordResetTexts texts, string token, UsableResetLink link, string[] problems, int? statusCode = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = AccountPage.Html;
        var errors = AccountPage.ErrorList(problems);

        var minimum = PasswordPolicy.MinimumLength(link.MfaEnabled);
        var body = $$"""
              <h1>{{e.Encode(texts.ResetTitle)}}</h1>
              <p>{{e.Encode(texts.ResetIntro(link.Email, link.TenantName))}}</p>
              {{errors}}
              <form method="post" action="{{PagePaths.ResetPassword}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
                <input type="hidden" name="token" value="{{e.Encode(token)}}">
                <input type="hidden" name="email" value="{{e.Encode(link.Email)}}" autocomplete="username">
                <label for="password">{{e.Encode(texts.NewPassword)}}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-help">
                <p class="help" id="password-help">{{e.Encode(texts.PasswordHelp(minimum))}}</p>
                <button type="submit">{{e.Encode(texts.ResetSubmit)}}</button>
              </form>
            """;
        return AccountPage.Render(context, texts.Lang, texts.ResetTitle, body, statusCode);
    }

    private static IResult Unusable(HttpContext context, PasswordResetTexts texts) => ForgotPasswordPage.Message(
        context, texts, texts.Unusable, texts.UnusableHelp, StatusCodes.Status404NotFound, link: PagePaths.ForgotPassword, linkText: texts.AskAgain);
}
