using System.Net;
using System.Web;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Sdk.UnitTests;

/// <summary>The sign-in's protocol part: the authorization URL with PKCE, the callback, the code for tokens, and where the token goes.</summary>
public sealed class SignInTests
{
    private static readonly Uri Server = new("https://poctracker.test/");
    private static readonly Uri Loopback = new("http://127.0.0.1:53123/callback");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_code_challenge_is_the_base64url_sha256_of_the_verifier()
    {
        // Computed independently (Python's hashlib and base64.urlsafe_b64encode, padding removed).
        Assert.Equal("T2suba4-NrRiEWQG4O54DJmWrsFONoPlv1k7RZXEkiI", AuthorizationRequest.CodeChallengeOf("dBjftJeZ4CVP-mJ92K9QLmkxW3Ua6yx7OPP5Y-2Wxro"));
    }

    [Fact]
    public void The_authorization_url_asks_for_a_code_with_an_s256_challenge_of_its_own_verifier_and_a_fresh_state()
    {
        var attempt = AuthorizationRequest.Create(Server, "poctracker-cli", Loopback, ["openid", "offline_access", "pocs"]);
        var another = AuthorizationRequest.Create(Server, "poctracker-cli", Loopback, ["openid"]);

        Assert.Equal("https://poctracker.test/connect/authorize", attempt.Url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(attempt.Url.Query);
        Assert.Equal("poctracker-cli", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("openid offline_access pocs", query["scope"]);
        Assert.Equal("http://127.0.0.1:53123/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(AuthorizationRequest.CodeChallengeOf(attempt.CodeVerifier), query["code_challenge"]);
        Assert.Equal(attempt.State, query["state"]);

        // RFC 7636 §4.1: 43–128 unreserved characters; 32 random bytes give 43. Nothing repeats between attempts.
        Assert.Matches("^[A-Za-z0-9_-]{43}$", attempt.CodeVerifier);
        Assert.DoesNotContain(attempt.CodeVerifier, attempt.Url.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(attempt.State, another.State);
        Assert.NotEqual(attempt.CodeVerifier, another.CodeVerifier);
    }

    [Fact]
    public void The_callback_gives_its_code_only_with_this_attempts_state()
    {
        var attempt = AuthorizationRequest.Create(Server, "poctracker-cli", Loopback, ["openid"]);
        var state = Uri.EscapeDataString(attempt.State);

        Assert.Equal("c0d+e/=", attempt.ReadCode(new Uri($"{Loopback}?code=c0d%2Be%2F%3D&state={state}")));

        var forged = Assert.Throws<SignInException>(() => attempt.ReadCode(new Uri($"{Loopback}?code=abc&state=someone-elses")));
        Assert.Equal("invalid_state", forged.Error);
        var refused = Assert.Throws<SignInException>(() => attempt.ReadCode(new Uri($"{Loopback}?error=access_denied&error_description=No%20thanks&state={state}")));
        Assert.Equal(("access_denied", "No thanks"), (refused.Error, refused.Description));
        Assert.Equal("invalid_request", Assert.Throws<SignInException>(() => attempt.ReadCode(new Uri($"{Loopback}?state={state}"))).Error);
    }

    [Fact]
    public async Task The_code_is_exchanged_with_the_verifier_for_tokens_that_expire_counted_from_the_request()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK,
            """{"access_token":"at","token_type":"Bearer","expires_in":600,"refresh_token":"rt","id_token":"it","scope":"openid pocs"}""", "application/json"));
        var attempt = AuthorizationRequest.Create(ScriptedServer.Address, "poctracker-cli", Loopback, ["openid", "pocs"]);

        var tokens = await new SignInClient(server.Client(), time).ExchangeCodeAsync(attempt, "the-code", Cancel);

        Assert.Equal(new TokenSet("at", "rt", time.GetUtcNow().AddMinutes(10), "it", "openid pocs"), tokens);
        var request = Assert.Single(server.Requests);
        Assert.Equal((HttpMethod.Post, "/connect/token"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Null(request.Headers.Authorization);
        var form = HttpUtility.ParseQueryString(server.Bodies[0]);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("poctracker-cli", form["client_id"]);
        Assert.Equal("the-code", form["code"]);
        Assert.Equal(Loopback.AbsoluteUri, form["redirect_uri"]);
        Assert.Equal(attempt.CodeVerifier, form["code_verifier"]);
    }

    [Fact]
    public async Task A_custom_scheme_redirect_goes_out_as_registered_without_a_slash_added()
    {
        // The mobile app's redirect: .NET's Uri.AbsoluteUri would write it "br.dev.poctracker://callback/", and the
        // identity app compares redirect URIs as strings, so it would refuse the sign-in.
        var mobile = new Uri("br.dev.poctracker://callback");
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK,
            """{"access_token":"at","token_type":"Bearer","expires_in":600}""", "application/json"));
        var attempt = AuthorizationRequest.Create(ScriptedServer.Address, "poctracker-mobile", mobile, ["openid"]);

        await new SignInClient(server.Client()).ExchangeCodeAsync(attempt, "the-code", Cancel);

        Assert.Equal("br.dev.poctracker://callback", HttpUtility.ParseQueryString(attempt.Url.Query)["redirect_uri"]);
        Assert.Equal("br.dev.poctracker://callback", HttpUtility.ParseQueryString(server.Bodies[0])["redirect_uri"]);
        var state = Uri.EscapeDataString(attempt.State);
        Assert.Equal("abc", attempt.ReadCode(new Uri($"br.dev.poctracker://callback?code=abc&state={state}")));
    }

    [Fact]
    public async Task A_refused_exchange_throws_the_oauth_error()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"The authorization code was already redeemed."}""", "application/json"));
        var attempt = AuthorizationRequest.Create(ScriptedServer.Address, "poctracker-cli", Loopback, ["openid"]);

        var refused = await Assert.ThrowsAsync<SignInException>(() => new SignInClient(server.Client()).ExchangeCodeAsync(attempt, "used", Cancel));

        Assert.Equal(("invalid_grant", "The authorization code was already redeemed."), (refused.Error, refused.Description));
        var broken = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"));
        Assert.Equal("server_error", (await Assert.ThrowsAsync<SignInException>(() => new SignInClient(broken.Client()).ExchangeCodeAsync(attempt, "c", Cancel))).Error);
    }

    [Fact]
    public async Task The_access_token_goes_to_the_server_only_never_to_a_download_link_elsewhere()
    {
        var server = new ScriptedServer(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var asked = 0;
        using var http = new HttpClient(new AccessTokenHandler(ScriptedServer.Address, _ => ValueTask.FromResult($"token-{++asked}"), server))
        {
            BaseAddress = ScriptedServer.Address,
        };

        (await http.GetAsync(new Uri("api/pocs", UriKind.Relative), Cancel)).Dispose();
        (await http.GetAsync(new Uri("HTTP://POCS.TEST/api/videos"), Cancel)).Dispose();
        (await http.GetAsync(new Uri("https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Signature=abc"), Cancel)).Dispose();
        (await http.GetAsync(new Uri("http://pocs.test:8080/api/pocs"), Cancel)).Dispose();
        using var own = new HttpRequestMessage(HttpMethod.Get, new Uri("api/pocs", UriKind.Relative));
        own.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "chosen");
        (await http.SendAsync(own, Cancel)).Dispose();

        Assert.Equal(["Bearer token-1", "Bearer token-2", null, null, "Bearer chosen"], server.Requests.Select(r => r.Headers.Authorization?.ToString()));
    }
}
