using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using PocTracker.Identity.Pages;
using PocTracker.Identity.Passwords;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.Identity.Accounts;

/// <summary>
/// The page an invitation e-mail links to (<c>/account/invitation?token=…</c>), server-rendered like the login
/// page: it shows the organisation and the e-mail invited, asks for a name and a password, accepts through
/// <see cref="InvitationAcceptance"/> (the API's own code) and sends the person to the login page. An unknown,
/// used or expired link gets one friendly page that names nothing.
/// </summary>
internal static class InvitationPage
{
    public static void MapInvitationPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePaths.Invitation, ShowAsync).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(PagePaths.Invitation, SubmitAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery().AcceptsForm()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.InvitationAcceptance, AnswerTooManyAsync));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, IAntiforgery antiforgery, InvitationAcceptance acceptance, string? token)
    {
        var texts = InvitationTexts.For(context.Request);
        var pending = await acceptance.FindPendingAsync(token, context.RequestAborted);
        return pending is null
            ? Message(context, texts, texts.Unusable, texts.UnusableHelp, StatusCodes.Status404NotFound)
            : Form(context, antiforgery, texts, token!, pending, displayName: "", problems: []);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, InvitationAcceptance acceptance, PasswordPolicy policy)
    {
        if (!context.Request.HasFormContentType)
        {
            // Reading a JSON (or empty) body as a form throws; the page's form posts form data, API clients use /invitations/accept.
            return Results.Problem(title: "Send the form as application/x-www-form-urlencoded (or use POST /api/identity/invitations/accept).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // ASP.NET Core's form reader refuses an encoded NUL and forms over its limits.
            return Results.Problem(title: "The form could not be read: a field holds a character such as NUL, or the form is too large.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var texts = InvitationTexts.For(context.Request);
        var token = form["token"].ToString();
        var displayName = form["displayName"].ToString();
        var password = form["password"].ToString();

        var pending = await acceptance.FindPendingAsync(token, context.RequestAborted);
        if (pending is null)
        {
            return Message(context, texts, texts.Unusable, texts.UnusableHelp, StatusCodes.Status404NotFound);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Form(context, antiforgery, texts, token, pending, displayName, [texts.FormExpired], StatusCodes.Status400BadRequest);
        }

        var result = await acceptance.AcceptAsync(token, displayName, password, context.RequestAborted);
        switch (result.Status)
        {
            case AcceptanceStatus.Accepted:
                // 303: the browser follows with a GET, and reloading the login page cannot post the form again.
                context.Response.Headers.Location = PagePaths.Login + "?tenant=" + Uri.EscapeDataString(result.Slug!);
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case AcceptanceStatus.Invalid:
                var problems = new List<string>();
                if (result.Errors!.ContainsKey("displayName"))
                {
                    problems.Add(texts.NameRequired);
                }

                if (result.Errors.ContainsKey("password"))
                {
                    problems.AddRange(PasswordFeedback(policy, texts, pending, displayName, password, result.Errors["password"]));
                }

                return Form(context, antiforgery, texts, token, pending, displayName, [.. problems], StatusCodes.Status400BadRequest);
            case AcceptanceStatus.AccountExists:
                return Message(context, texts, texts.Title(pending.TenantName), texts.AccountExists, StatusCodes.Status409Conflict, pending.TenantSlug);
            default:
                return Message(context, texts, texts.Unusable, texts.UnusableHelp, StatusCodes.Status404NotFound);
        }
    }

    /// <summary>
    /// The policy's failures and advice in the page's language. The decision was the acceptance's (the same policy,
    /// through ASP.NET Core Identity); this only explains it, falling back to its messages.
    /// </summary>
    private static string[] PasswordFeedback(
        PasswordPolicy policy, InvitationTexts texts, InvitationToAccept pending, string displayName, string password, string[] refusals)
    {
        if (password.Length == 0)
        {
            return [texts.PasswordHelp(PasswordPolicy.MinimumLength(mfaEnabled: false))];
        }

        var check = policy.Check(password, new PasswordContext(false, pending.TenantName, pending.TenantSlug, pending.Email, displayName.Trim()));
        return check.IsAcceptable
            ? refusals
            : [.. check.Failures.Select(f => f.Message(texts.Culture)), .. check.Suggestions.Select(s => s.Text(texts.Culture))];
    }

    private static IResult Form(
        HttpContext context, IAntiforgery antiforgery, InvitationTexts texts, string token, InvitationToAccept pending,
        string displayName, string[] problems, int? statusCode = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = AccountPage.Html;
        var errors = AccountPage.ErrorList(problems);

        var body = $$"""
              <h1>{{e.Encode(texts.Title(pending.TenantName))}}</h1>
              <p>{{e.Encode(texts.Invited(texts.RoleName(pending.Role), pending.Email))}}</p>
              {{errors}}
              <form method="post" action="{{PagePaths.Invitation}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
                <input type="hidden" name="token" value="{{e.Encode(token)}}">
                <input type="hidden" name="email" value="{{e.Encode(pending.Email)}}" autocomplete="username">
                <label for="displayName">{{e.Encode(texts.DisplayName)}}</label>
                <input id="displayName" name="displayName" autocomplete="name" required maxlength="100" value="{{e.Encode(displayName)}}">
                <label for="password">{{e.Encode(texts.Password)}}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-help">
                <p class="help" id="password-help">{{e.Encode(texts.PasswordHelp(PasswordPolicy.MinimumLength(mfaEnabled: false)))}}</p>
                <button type="submit">{{e.Encode(texts.Submit)}}</button>
              </form>
            """;
        return Page(context, texts, texts.Title(pending.TenantName), body, statusCode);
    }

    private static IResult Message(HttpContext context, InvitationTexts texts, string title, string text, int statusCode, string? tenantSlug = null)
    {
        var e = AccountPage.Html;
        var login = PagePaths.Login + (tenantSlug is null ? "" : "?tenant=" + Uri.EscapeDataString(tenantSlug));
        var body = $"""
              <h1>{e.Encode(title)}</h1>
              <p>{e.Encode(text)}</p>
              <p><a href="{e.Encode(login)}">{e.Encode(texts.LogIn)}</a></p>
            """;
        return Page(context, texts, title, body, statusCode);
    }

    /// <summary>The page the rate limiter answers a refused form with (the API gets a problem).</summary>
    private static async ValueTask AnswerTooManyAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ServiceDefaults.RateLimiting.RateLimitingSetup.SetRetryAfter(context);
        var texts = InvitationTexts.For(context.HttpContext.Request);
        await Message(context.HttpContext, texts, texts.Title("PocTracker"), texts.TooMany, StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context.HttpContext);
    }

    private static IResult Page(HttpContext context, InvitationTexts texts, string title, string body, int? statusCode) =>
        AccountPage.Render(context, texts.Lang, title, body, statusCode);
}
