using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// Drives the authorization code + PKCE flow over HTTP the way a browser and a native client do:
/// authorize, get sent to the login page, post the form with its antiforgery token, follow the
/// redirects back, and exchange the code.
/// </summary>
internal static partial class OAuthFlow
{
    public const string CliClient = "poctracker-cli";
    public const string CliRedirect = "http://127.0.0.1/callback";

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string challenge, string method = "S256", string scope = "openid profile offline_access pocs", string state = "state-1", string redirectUri = CliRedirect) =>
        "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = CliClient, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = scope,
            ["code_challenge"] = challenge, ["code_challenge_method"] = method, ["state"] = state,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>The whole login: returns the authorization code.</summary>
    public static async Task<string> LoginForCodeAsync(HttpClient browser, string challenge, string tenant, string email, string password, string scope = "openid profile offline_access pocs")
    {
        using var authorize = await browser.GetAsync(AuthorizeUrl(challenge, scope: scope));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginUrl = authorize.Headers.Location!;
        Assert.StartsWith("/account/login", loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString, StringComparison.Ordinal);

        using var posted = await SubmitLoginAsync(browser, loginUrl, tenant, email, password);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        using var back = await browser.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(CliRedirect, callback.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("state-1", query["state"]);
        return query["code"] ?? throw new InvalidOperationException("no code in " + callback);
    }

    /// <summary>
    /// An authorize request from a browser that may still hold a login session: where it is sent — the client's
    /// callback with a code while the session lasts, the login page once it has ended.
    /// </summary>
    public static async Task<Uri> AuthorizeAgainAsync(HttpClient browser, string scope = "openid profile offline_access pocs")
    {
        using var authorize = await browser.GetAsync(AuthorizeUrl(NewPkce().Challenge, scope: scope));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return new Uri(IdentityFixture.Issuer, authorize.Headers.Location!);
    }

    /// <summary>Whether an authorize answer's address is the client's callback carrying a code (a live session).</summary>
    public static bool IsCodeCallback(Uri location) =>
        location.ToString().StartsWith(CliRedirect, StringComparison.Ordinal) && System.Web.HttpUtility.ParseQueryString(location.Query)["code"] is { Length: > 0 };

    /// <summary>Loads the login page and posts its form with the antiforgery token it carries.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient browser, Uri loginUrl, string tenant, string email, string password)
    {
        var page = await browser.GetStringAsync(loginUrl);
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["tenant"] = tenant;
        fields["email"] = email;
        fields["password"] = password;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> RedeemCodeAsync(HttpClient client, string code, string verifier) =>
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = CliRedirect,
            ["client_id"] = CliClient, ["code_verifier"] = verifier,
        }));

    public static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = CliClient,
        }));

    public static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return new Tokens(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            body.TryGetProperty("id_token", out var id) ? id.GetString() : null,
            body.GetProperty("expires_in").GetInt32());
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
