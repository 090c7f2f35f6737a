using System.Net;
using System.Web;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Sdk.UnitTests;

/// <summary>Signing out: the refresh token revoked (RFC 7009) when the server can be reached, the tokens forgotten either way, and the end-session address.</summary>
public sealed class SignOutTests
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddMinutes(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<InMemoryTokenStore> SignedInStoreAsync()
    {
        var store = new InMemoryTokenStore();
        await store.WriteAsync(new TokenSet("access-1", "refresh-1", Later, "id-token-1", "openid"), Cancel);
        return store;
    }

    [Fact]
    public async Task Sign_out_revokes_the_refresh_token_then_forgets_the_tokens_and_gives_the_id_token_back()
    {
        var server = new ScriptedServer(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var store = await SignedInStoreAsync();
        using var session = new TokenSession(new SignInClient(server.Client()), "poctracker-web", store);

        var idToken = await session.SignOutAsync(Cancel);

        Assert.Equal("id-token-1", idToken);
        Assert.Null(await store.ReadAsync(Cancel));
        Assert.Null(await session.GetAccessTokenAsync(Cancel));
        var request = Assert.Single(server.Requests);
        Assert.Equal((HttpMethod.Post, "/connect/revoke"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Null(request.Headers.Authorization);
        var form = HttpUtility.ParseQueryString(server.Bodies[0]);
        Assert.Equal(("poctracker-web", "refresh-1", "refresh_token"), (form["client_id"], form["token"], form["token_type_hint"]));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_client"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"error":"temporarily_unavailable"}""")]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>")]
    public async Task A_refused_revocation_still_signs_out_on_this_device(HttpStatusCode status, string body)
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(status, body, body.StartsWith('{') ? "application/json" : "text/html"));
        var store = await SignedInStoreAsync();
        using var session = new TokenSession(new SignInClient(server.Client()), "poctracker-web", store);

        await session.SignOutAsync(Cancel);

        Assert.Single(server.Requests);
        Assert.Null(await store.ReadAsync(Cancel));
    }

    [Fact]
    public async Task An_unreachable_server_still_signs_out_on_this_device()
    {
        var server = new ScriptedServer(_ => throw new HttpRequestException("connection refused"));
        var store = await SignedInStoreAsync();
        using var session = new TokenSession(new SignInClient(server.Client()), "poctracker-web", store);

        Assert.Equal("id-token-1", await session.SignOutAsync(Cancel));
        Assert.Null(await store.ReadAsync(Cancel));
    }

    [Fact]
    public async Task Revocation_refused_by_the_server_is_a_sign_in_exception_with_its_oauth_error()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest,
            """{"error":"unauthorized_client","error_description":"The client may not revoke."}""", "application/json"));

        var refused = await Assert.ThrowsAsync<SignInException>(() => new SignInClient(server.Client()).RevokeAsync("poctracker-web", "rt", cancellationToken: Cancel));

        Assert.Equal(("unauthorized_client", "The client may not revoke."), (refused.Error, refused.Description));
    }

    [Fact]
    public void The_end_session_url_names_the_client_the_post_logout_address_the_state_and_the_id_token()
    {
        var url = SignInClient.EndSessionUrl(new Uri("https://poctracker.test/"), "poctracker-web", new Uri("https://poctracker.test/"), "st&te", "id.token.sig");

        Assert.Equal("https://poctracker.test/connect/logout", url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("poctracker-web", query["client_id"]);
        Assert.Equal("https://poctracker.test/", query["post_logout_redirect_uri"]);
        Assert.Equal("st&te", query["state"]);
        Assert.Equal("id.token.sig", query["id_token_hint"]);

        var bare = HttpUtility.ParseQueryString(SignInClient.EndSessionUrl(new Uri("https://poctracker.test/"), "poctracker-web", new Uri("https://poctracker.test/")).Query);
        Assert.Equal(["client_id", "post_logout_redirect_uri"], bare.AllKeys.Select(key => key!));
    }
}
