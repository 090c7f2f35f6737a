using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocTracker.Identity.Benchmarks;

/// <summary>How long each step of one login took, in ms (of wall time, or of the app's CPU time).</summary>
internal sealed record LoginSteps(double Authorize, double LoginPage, double PostForm, double AuthorizeWithSession, double TokenExchange)
{
    public double Total => Authorize + LoginPage + PostForm + AuthorizeWithSession + TokenExchange;
}

/// <summary>
/// One login as the native client <c>poctracker-cli</c> and a fresh browser do it, over real HTTP: GET the authorize
/// endpoint, follow it to the login page, post the form with its antiforgery token, follow the redirect back to the
/// authorize endpoint (now with the session cookie) to get the code, and exchange the code with the PKCE verifier.
/// Cookies are kept per login (a new browser each time) while connections are pooled, as a browser keeps them.
/// With <paramref name="appProcessorTime"/> (the app's CPU time so far) each step's CPU time in the app is measured
/// too; that is meaningful only when logins run one at a time.
/// </summary>
internal sealed partial class BrowserLogin(HttpClient client, Func<TimeSpan>? appProcessorTime = null)
{
    public const string ClientId = "poctracker-cli";
    public const string RedirectUri = "http://127.0.0.1/callback";
    public const string Scope = "openid profile offline_access pocs";

    /// <summary>Logs in and returns the access token, the time each step took, and the app's CPU time in each (zero without a clock for it).</summary>
    public async Task<(string AccessToken, LoginSteps Steps, LoginSteps AppCpu)> LoginAsync(string tenant, string email, string password, CancellationToken cancellationToken)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = RedirectUri, ["response_type"] = "code", ["scope"] = Scope,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = "bench",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var cpu = appProcessorTime?.Invoke() ?? TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        using var toLogin = await SendAsync(HttpMethod.Get, authorize, null, cookies, HttpStatusCode.Redirect, cancellationToken);
        var loginUrl = toLogin.Headers.Location!;
        var authorizeMs = Lap(ref started);
        var authorizeCpu = CpuLap(ref cpu);

        using var page = await SendAsync(HttpMethod.Get, loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString, null, cookies, HttpStatusCode.OK, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["tenant"] = tenant;
        fields["email"] = email;
        fields["password"] = password;
        var pageMs = Lap(ref started);
        var pageCpu = CpuLap(ref cpu);

        using var posted = await SendAsync(HttpMethod.Post, "/account/login", new FormUrlEncodedContent(fields), cookies, HttpStatusCode.Redirect, cancellationToken);
        var back = posted.Headers.Location!;
        var postMs = Lap(ref started);
        var postCpu = CpuLap(ref cpu);

        using var withCode = await SendAsync(HttpMethod.Get, back.IsAbsoluteUri ? back.PathAndQuery : back.OriginalString, null, cookies, HttpStatusCode.Redirect, cancellationToken);
        var callback = withCode.Headers.Location!;
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]
            ?? throw new InvalidOperationException($"No code in {callback.GetLeftPart(UriPartial.Path)}.");
        var codeMs = Lap(ref started);
        var codeCpu = CpuLap(ref cpu);

        using var exchanged = await SendAsync(HttpMethod.Post, "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }), cookies: null, HttpStatusCode.OK, cancellationToken);
        var tokens = await exchanged.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var tokenMs = Lap(ref started);
        var tokenCpu = CpuLap(ref cpu);

        return (tokens.GetProperty("access_token").GetString()!, new LoginSteps(authorizeMs, pageMs, postMs, codeMs, tokenMs),
            new LoginSteps(authorizeCpu, pageCpu, postCpu, codeCpu, tokenCpu));
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, Dictionary<string, string>? cookies, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies is { Count: > 0 })
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != expected)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new InvalidOperationException($"{method} {path.Split('?')[0]}: {(int)status}, expected {(int)expected}.");
        }

        if (cookies is not null && response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            }
        }

        return response;
    }

    private static double Lap(ref long started)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
        started = now;
        return elapsed;
    }

    private double CpuLap(ref TimeSpan before)
    {
        if (appProcessorTime is null)
        {
            return 0;
        }

        var now = appProcessorTime();
        var used = (now - before).TotalMilliseconds;
        before = now;
        return used;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();
}
