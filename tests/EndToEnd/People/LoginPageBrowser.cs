using System.Net;
using System.Text.RegularExpressions;
using System.Web;

namespace PocTracker.EndToEnd.People;

/// <summary>
/// What the person's browser does during a sign-in (the part of the flow that is not the SDK's): opens the
/// authorization URL, is sent to the identity app's login page, fills it in (organisation, e-mail, password, with the
/// page's antiforgery token), is sent back to the authorization endpoint and from there to the client's loopback
/// redirect, where this browser stops and hands the callback URL over, as the native tool's loopback listener would
/// receive it. The SDK never sees the password.
/// </summary>
internal static partial class LoginPageBrowser
{
    public static async Task<Uri> SignInAsync(Uri authorizationUrl, string tenant, string email, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        // 1. Not logged in: the authorization endpoint sends the browser to the login page.
        var loginPage = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, authorizationUrl));

        // 2. The login form and its antiforgery token; the page's ReturnUrl goes back with the form.
        var page = await http.GetStringAsync(loginPage);
        var formToken = AntiforgeryField().Match(page) is { Success: true } field
            ? WebUtility.HtmlDecode(field.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the login page " + loginPage);
        var returnUrl = HttpUtility.ParseQueryString(loginPage.Query)["ReturnUrl"] ?? throw new InvalidOperationException("No ReturnUrl in " + loginPage);
        var afterLogin = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Post, new Uri(loginPage, "/account/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = formToken, ["returnUrl"] = returnUrl, ["tenant"] = tenant, ["email"] = email, ["password"] = password,
            }),
        });

        // 3. Logged in: the authorization endpoint sends the browser to the client's redirect URI with the code.
        return await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, afterLogin));
    }

    private static async Task<Uri> RedirectOfAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
                ? location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location)
                : throw new InvalidOperationException(
                    $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not a redirect: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
