using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PocTracker.Identity.Pages;

namespace PocTracker.Identity.Connect;

/// <summary>The logout confirmation's words in English and Brazilian Portuguese (the language the login page would choose).</summary>
internal sealed record LogoutTexts(string Lang, string Title, string Explanation, string Submit)
{
    public static readonly LogoutTexts English = new(
        "en", "Sign out of PocTracker?",
        "This ends your PocTracker session in this browser. Apps you signed in to will ask for your password again.",
        "Sign out");

    public static readonly LogoutTexts Portuguese = new(
        "pt-BR", "Sair do PocTracker?",
        "Isso encerra a sua sessão do PocTracker neste navegador. Os aplicativos em que você entrou vão pedir a sua senha de novo.",
        "Sair");

    public static LogoutTexts For(HttpRequest request) =>
        PageLanguage.IsPortuguese(request) ? Portuguese : English;
}

/// <summary>
/// The page <c>GET /connect/logout</c> shows while a session is open: a GET (an image tag, a link on another
/// site) must not end it, so the page asks, and its form posts the same end-session request back with an
/// antiforgery token. Styled like the login pages (<see cref="AccountPage"/>).
/// </summary>
internal static class LogoutPage
{
    /// <param name="context">The end-session request.</param>
    /// <param name="antiforgery">Antiforgery, for the form's token.</param>
    /// <param name="parameters">The end-session request's parameters, posted back as they came.</param>
    /// <param name="postLogoutRedirectUri">Where the client asked to be sent back (OpenIddict has checked it is registered).</param>
    public static IResult Confirm(HttpContext context, IAntiforgery antiforgery, IEnumerable<KeyValuePair<string, string?>> parameters, string? postLogoutRedirectUri)
    {
        var texts = LogoutTexts.For(context.Request);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = HtmlEncoder.Default;
        var hidden = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => p.Key != tokens.FormFieldName))
        {
            hidden.Append(CultureInfo.InvariantCulture, $"""    <input type="hidden" name="{e.Encode(name)}" value="{e.Encode(value ?? "")}">""").Append('\n');
        }

        var body = $$"""
              <h1>{{e.Encode(texts.Title)}}</h1>
              <p>{{e.Encode(texts.Explanation)}}</p>
              <form method="post" action="{{e.Encode(context.Request.PathBase + context.Request.Path)}}">
                <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken!)}}">
            {{hidden}}    <button type="submit">{{e.Encode(texts.Submit)}}</button>
              </form>
            """;
        return AccountPage.Render(context, texts.Lang, texts.Title, body, formRedirectSource: CspSource(postLogoutRedirectUri));
    }

    /// <summary>The CSP source that admits a redirect to the client: its origin, or its scheme for an app's custom scheme.</summary>
    private static string? CspSource(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var target)
            ? target.Scheme is "http" or "https" ? target.GetLeftPart(UriPartial.Authority) : target.Scheme + ":"
            : null;
}
