using System.Net;
using System.Web;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Sdk.UnitTests;

/// <summary>The signed-in session: refreshed when stale, one refresh at a time, a lost answer retried within the server's reuse leeway, a refusal signs out.</summary>
public sealed class TokenSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Tokens(string access, string refresh) =>
        $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","token_type":"Bearer","expires_in":600}""";

    private static async Task<InMemoryTokenStore> StoreWithAsync(string access, string? refresh, DateTimeOffset expiresAt)
    {
        var store = new InMemoryTokenStore();
        await store.WriteAsync(new TokenSet(access, refresh, expiresAt, null, null), Cancel);
        return store;
    }

    /// <summary>A session and its sign-in client on one clock stopped at <see cref="Now"/>.</summary>
    private static TokenSession Session(HttpClient http, ITokenStore store)
    {
        var clock = new FakeTimeProvider(Now);
        return new TokenSession(new SignInClient(http, clock), "poctracker-cli", store, clock);
    }

    private static string RefreshTokenSent(string body) => HttpUtility.ParseQueryString(body)["refresh_token"]!;

    [Fact]
    public async Task A_fresh_token_is_given_without_asking_the_server()
    {
        var server = new ScriptedServer(_ => throw new InvalidOperationException("no request expected"));
        var store = await StoreWithAsync("access-1", "refresh-1", Now.AddMinutes(5));
        using var session = Session(server.Client(), store);

        Assert.Equal("access-1", await session.GetAccessTokenAsync(Cancel));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_and_the_rotated_refresh_token_kept()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Tokens("access-2", "refresh-2"), "application/json"));
        var store = await StoreWithAsync("access-1", "refresh-1", Now + TokenSession.RenewAhead - TimeSpan.FromSeconds(1));
        using var session = Session(server.Client(), store);

        Assert.Equal("access-2", await session.GetAccessTokenAsync(Cancel));

        var form = HttpUtility.ParseQueryString(Assert.Single(server.Bodies));
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("poctracker-cli", form["client_id"]);
        Assert.Equal("refresh-1", form["refresh_token"]);
        var kept = await store.ReadAsync(Cancel);
        Assert.Equal(("access-2", "refresh-2", Now.AddSeconds(600)), (kept!.AccessToken, kept.RefreshToken, kept.ExpiresAt));
    }

    [Fact]
    public async Task Callers_that_find_the_token_stale_together_share_one_refresh()
    {
        // A spent refresh token sent twice would, past the leeway, revoke the sign-in: the second caller must wait.
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = new HeldTokenEndpoint(arrived, answer.Task);
        var store = await StoreWithAsync("access-1", "refresh-1", Now);
        using var session = Session(new HttpClient(endpoint) { BaseAddress = ScriptedServer.Address }, store);

        var first = session.GetAccessTokenAsync(Cancel).AsTask();
        await arrived.Task.WaitAsync(Cancel);
        var second = session.GetAccessTokenAsync(Cancel).AsTask(); // finds the token stale while the refresh is out
        answer.SetResult(ScriptedServer.Answer(HttpStatusCode.OK, Tokens("access-2", "refresh-2"), "application/json"));

        Assert.Equal(new string?[] { "access-2", "access-2" }, (IEnumerable<string?>)await Task.WhenAll(first, second));
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task A_lost_answer_is_asked_again_at_once_with_the_same_refresh_token_and_nobody_is_signed_out()
    {
        var calls = 0;
        var server = new ScriptedServer(_ => ++calls == 1
            ? throw new HttpRequestException("the connection broke before the answer")
            : ScriptedServer.Answer(HttpStatusCode.OK, Tokens("access-2", "refresh-2"), "application/json"));
        var store = await StoreWithAsync("access-1", "refresh-1", Now);
        using var session = Session(server.Client(), store);

        Assert.Equal("access-2", await session.GetAccessTokenAsync(Cancel));
        Assert.Equal(["refresh-1", "refresh-1"], server.Bodies.Select(RefreshTokenSent));
        Assert.Equal("refresh-2", (await store.ReadAsync(Cancel))!.RefreshToken);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_leaves_the_tokens_kept_for_the_next_try()
    {
        var server = new ScriptedServer(_ => throw new HttpRequestException("connection refused"));
        var store = await StoreWithAsync("access-1", "refresh-1", Now);
        using var session = Session(server.Client(), store);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await session.GetAccessTokenAsync(Cancel));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("refresh-1", (await store.ReadAsync(Cancel))!.RefreshToken);
    }

    [Fact]
    public async Task A_refused_refresh_signs_the_person_out()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"The specified refresh token is no longer valid."}""", "application/json"));
        var store = await StoreWithAsync("access-1", "refresh-1", Now);
        using var session = Session(server.Client(), store);

        Assert.Null(await session.GetAccessTokenAsync(Cancel));
        Assert.Null(await store.ReadAsync(Cancel));
        Assert.Single(server.Requests);
    }

    /// <summary>A token endpoint that says when a request arrived and answers when the test lets it.</summary>
    private sealed class HeldTokenEndpoint(TaskCompletionSource arrived, Task<HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int requests;

        public int Requests => Volatile.Read(ref requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            arrived.TrySetResult();
            return await answer.WaitAsync(cancellationToken);
        }
    }
}
