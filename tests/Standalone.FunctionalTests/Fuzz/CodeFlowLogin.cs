using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>What a real login leaves a client with: tokens for every API and the identity app's session cookie.</summary>
internal sealed record LoggedIn(string AccessToken, string RefreshToken, string SessionCookie);

/// <summary>
/// The authorization code flow with PKCE as the native client <c>poctracker-cli</c>, through the login page,
/// as <c>scripts/token.sh</c> does it, by default asking for every API's scope (the dojo's too), and keeping
/// the session cookie and refresh token the fuzz test sends on.
/// </summary>
internal static partial class CodeFlowLogin
{
    public const string ClientId = "poctracker-cli";
    public const string RedirectUri = "http://127.0.0.1/callback";
    /// <summary>Every API's scope, the dojo's too.</summary>
    public const string Scopes = "openid profile offline_access pocs reports video identity dojo";

    /// <summary>What <c>scripts/token.sh</c> asks for: every API's scope but the dojo's.</summary>
    public const string ReadmeScopes = "openid profile offline_access pocs reports video identity";

    public static async Task<LoggedIn> LogInAsync(Uri baseAddress, string tenant, string email, string password, string scopes = Scopes)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseAddress };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

        // 1. Authorize: not logged in, so to the login page (which returns here afterwards).
        var loginPage = await RedirectOf(http, HttpMethod.Get,
            $"/connect/authorize?client_id={ClientId}&response_type=code&scope={Uri.EscapeDataString(scopes)}" +
            $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state=fuzz");

        // 2. The login form with its antiforgery token.
        var (_, formToken) = await AntiforgeryAsync(http, loginPage.PathAndQuery);
        var returnUrl = HttpUtility.ParseQueryString(loginPage.Query)["ReturnUrl"] ?? throw new InvalidOperationException("No ReturnUrl in " + loginPage);
        var afterLogin = await RedirectOf(http, HttpMethod.Post, "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = formToken, ["returnUrl"] = returnUrl, ["tenant"] = tenant, ["email"] = email, ["password"] = password,
        }));

        // 3. Authorize again, logged in: to the loopback callback with the code.
        var callback = await RedirectOf(http, HttpMethod.Get, afterLogin.PathAndQuery);
        var code = HttpUtility.ParseQueryString(callback.Query)["code"] ?? throw new InvalidOperationException("No code in " + callback);

        // 4. The code and the PKCE verifier for tokens.
        using var tokens = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
        }));
        var answer = await tokens.Content.ReadFromJsonAsync<JsonElement>();
        if (tokens.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The token endpoint answered {(int)tokens.StatusCode}: {answer}");
        }

        return new LoggedIn(answer.GetProperty("access_token").GetString()!, answer.GetProperty("refresh_token").GetString()!,
            cookies.GetCookieHeader(baseAddress));
    }

    /// <summary>An anonymous antiforgery pair from the login page: its cookie (as a Cookie header) and the form field's value.</summary>
    public static async Task<(string Cookie, string FormToken)> AntiforgeryAsync(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        var (_, formToken) = await AntiforgeryAsync(http, "/account/login");
        return (cookies.GetCookieHeader(baseAddress), formToken);
    }

    private static async Task<(string Page, string FormToken)> AntiforgeryAsync(HttpClient http, string path)
    {
        var page = await http.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        return token.Success ? (page, WebUtility.HtmlDecode(token.Groups[1].Value)) : throw new InvalidOperationException("No antiforgery token on " + path);
    }

    private static async Task<Uri> RedirectOf(HttpClient http, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var location = response.Headers.Location;
        return (int)response.StatusCode is >= 300 and < 400 && location is not null
            ? location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location)
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}, not a redirect: {await response.Content.ReadAsStringAsync()}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
