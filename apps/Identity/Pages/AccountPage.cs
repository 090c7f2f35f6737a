using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PocTracker.Identity.Pages;

/// <summary>
/// The shell of the identity app's server-rendered pages (login, second step, invitation, password reset): one small
/// inline stylesheet, never cached (they carry antiforgery tokens and personal data), never framed
/// (clickjacking), no Referer sent on (invitation and reset addresses hold their secret), and a CSP that
/// allows nothing but the inline style and posting forms back here.
/// </summary>
internal static class AccountPage
{
    /// <summary>Encodes what HTML needs encoded, and leaves accented letters as they are (readable source, smaller page).</summary>
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>A form's problems as the pages show them: one alert list, each message once; empty when there are none.</summary>
    public static string ErrorList(IReadOnlyCollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            return "";
        }

        var errors = new StringBuilder("""<ul class="error" role="alert">""");
        foreach (var problem in problems.Distinct(StringComparer.Ordinal))
        {
            errors.Append(CultureInfo.InvariantCulture, $"<li>{Html.Encode(problem)}</li>");
        }

        return errors.Append("</ul>").ToString();
    }

    /// <param name="context">The request.</param>
    /// <param name="lang">The page's language tag.</param>
    /// <param name="title">The page's title.</param>
    /// <param name="body">The page's HTML body.</param>
    /// <param name="statusCode">The status, 200 when null.</param>
    /// <param name="formRedirectSource">
    /// A CSP source the form's answer may redirect to (browsers check <c>form-action</c> on redirects too):
    /// the logout confirmation's post-logout redirect URI. Only 'self' when null.
    /// </param>
    public static IResult Render(HttpContext context, string lang, string title, string body, int? statusCode = null, string? formRedirectSource = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = HtmlEncoder.Default;
        var html = $$"""
            <!doctype html>
            <html lang="{{e.Encode(lang)}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{e.Encode(title)}}</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #1d2430; }
                label { display: block; margin-top: 1rem; font-weight: 600; }
                input { width: 100%; padding: .6rem; font-size: 1rem; box-sizing: border-box; }
                button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; background: #2f5bd3; color: #fff; border: 0; border-radius: 4px; }
                .error { color: #a4161a; } .help { color: #5b6474; font-size: .9rem; }
              </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """;
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{(formRedirectSource is null ? "" : " " + formRedirectSource)}; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
