using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The identity app with rate limits low enough to reach in a test; sign-ups keep the app's default (10 a minute per
/// address), so the test shows what a burst really meets.
/// </summary>
public sealed class RateLimitedIdentityFixture(PostgresServerFixture postgres) : IdentityFixture(postgres)
{
    public const int TokenRequestsPerIp = 3;
    public const int TokenRequestsPerClient = 5;
    public const int AcceptancesPerIp = 2;
    public const int DefaultSignUpsPerIp = 10;
    public const int PasswordChecksPerIp = 3;
    public const int ResetRequestsPerIp = 3;
    public const int ResetRequestsPerAccount = 2;
    public const int ResetConfirmationsPerIp = 3;

    protected override void RaiseLimits(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.UseSetting("Identity:TokenRequestsPerIpPerMinute", Text(TokenRequestsPerIp));
        builder.UseSetting("Identity:TokenRequestsPerClientPerMinute", Text(TokenRequestsPerClient));
        builder.UseSetting("Identity:InvitationAcceptancesPerIpPerMinute", Text(AcceptancesPerIp));
        builder.UseSetting("Identity:PasswordChecksPerIpPerMinute", Text(PasswordChecksPerIp));
        builder.UseSetting("Identity:PasswordResetRequestsPerIpPerMinute", Text(ResetRequestsPerIp));
        builder.UseSetting("Identity:PasswordResetRequestsPerAccountPerHour", Text(ResetRequestsPerAccount));
        builder.UseSetting("Identity:PasswordResetConfirmationsPerIpPerMinute", Text(ResetConfirmationsPerIp));
    }
}

public sealed class RateLimitTests(RateLimitedIdentityFixture identity) : IClassFixture<RateLimitedIdentityFixture>
{
    [Fact]
    public async Task Token_requests_are_limited_per_client_ip_and_per_client_id_with_an_oauth_error_and_retry_after()
    {
        // Three a minute per address: the fourth from 198.51.100.1 is refused before OpenIddict looks at it.
        var fromFirst = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await RefreshWithGarbageAsync("198.51.100.1", OAuthFlow.CliClient);
            fromFirst.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], fromFirst);

        // Another address has its own budget, but the client's (five a minute, the three above included) runs out.
        using var second1 = await RefreshWithGarbageAsync("198.51.100.2", OAuthFlow.CliClient);
        using var second2 = await RefreshWithGarbageAsync("198.51.100.2", OAuthFlow.CliClient);
        using var refused = await RefreshWithGarbageAsync("198.51.100.3", OAuthFlow.CliClient);
        Assert.Equal(HttpStatusCode.BadRequest, second1.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second2.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // The answer is the token endpoint's own error shape, with a wait within the one-minute window.
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());

        // Another client from a fresh address is not affected.
        using var otherClient = await RefreshWithGarbageAsync("198.51.100.4", "poctracker-web");
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    [Fact]
    public async Task Revocation_spends_the_token_endpoints_budget_and_is_refused_in_its_shape()
    {
        // Three a minute per address, token and revocation requests together (poctracker-mobile: a client budget of its own here).
        using var token1 = await RefreshWithGarbageAsync("198.51.100.30", "poctracker-mobile");
        using var token2 = await RefreshWithGarbageAsync("198.51.100.30", "poctracker-mobile");
        using var revoke1 = await RevokeGarbageAsync("198.51.100.30", "poctracker-mobile");
        using var revoke2 = await RevokeGarbageAsync("198.51.100.30", "poctracker-mobile");

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            [token1.StatusCode, token2.StatusCode, revoke1.StatusCode, revoke2.StatusCode]);
        Assert.NotNull(revoke2.Headers.RetryAfter?.Delta);
        Assert.Equal("temporarily_unavailable", (await revoke2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Invitation_acceptances_are_limited_per_client_ip_with_a_problem_and_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await AcceptAsync("198.51.100.20");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
                Assert.Equal(429, problem.GetProperty("status").GetInt32());
            }
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        using var elsewhere = await AcceptAsync("198.51.100.21");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        // The landing page's form spends the same budget, and is refused with a page in the person's language.
        using var page = await PostInvitationPageAsync("198.51.100.20");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tentativas demais", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var pageFirst = await PostInvitationPageAsync("198.51.100.22");
        using var apiSecond = await AcceptAsync("198.51.100.22");
        using var apiThird = await AcceptAsync("198.51.100.22");
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], [pageFirst.StatusCode, apiSecond.StatusCode, apiThird.StatusCode]);
    }

    [Fact]
    public async Task A_burst_of_30_sign_ups_from_one_address_meets_429_with_a_problem_and_retry_after()
    {
        // All at once, as a script would: the limiter answers before any password is hashed.
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => SignUpAsync("198.51.100.30")));
        try
        {
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
            Assert.Equal(30, created + refused.Length);
            Assert.InRange(created, 1, RateLimitedIdentityFixture.DefaultSignUpsPerIp);
            foreach (var response in refused)
            {
                await AssertTooManyRequestsProblemAsync(response);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        using var elsewhere = await SignUpAsync("198.51.100.31");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Password_checks_are_limited_per_client_ip()
    {
        // The first check loads the lists (seconds on a busy machine): from elsewhere, so the measured window is short.
        using (var warmUp = await CheckPasswordAsync("198.51.100.42"))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedIdentityFixture.PasswordChecksPerIp; i++)
        {
            using var response = await CheckPasswordAsync("198.51.100.40");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertTooManyRequestsProblemAsync(response);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var elsewhere = await CheckPasswordAsync("198.51.100.41");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Reset_requests_are_limited_per_address_and_per_account_known_or_not()
    {
        // Per address: three a minute, whichever accounts they name.
        var fromOne = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedIdentityFixture.ResetRequestsPerIp; i++)
        {
            using var response = await RequestResetAsync("198.51.100.50", "nobody-here", $"ghost{i}@example.com");
            fromOne.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertTooManyRequestsProblemAsync(response);
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], fromOne);

        // Per account (organisation and e-mail as typed): two an hour, from any addresses, so a mailbox cannot be flooded.
        using var first = await RequestResetAsync("198.51.100.51", "nobody-here", "victim@example.com");
        using var second = await RequestResetAsync("198.51.100.52", "nobody-here", "VICTIM@example.com");
        using var third = await RequestResetAsync("198.51.100.53", "nobody-here", "victim@example.com");
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], [first.StatusCode, second.StatusCode, third.StatusCode]);
        await AssertTooManyRequestsProblemAsync(third, TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Reset_confirmations_are_limited_per_client_ip()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedIdentityFixture.ResetConfirmationsPerIp; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/password-resets/confirm")
            {
                Content = JsonContent.Create(new { token = "no-such-link", newPassword = "a brand new passphrase 2027" }),
            };
            request.Headers.Add(IdentityFixture.RemoteAddressHeader, "198.51.100.60");
            using var response = await identity.CreateClient().SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task AssertTooManyRequestsProblemAsync(HttpResponseMessage response, TimeSpan? window = null)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), window ?? TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    private async Task<HttpResponseMessage> SignUpAsync(string address)
    {
        var slug = "b" + Guid.NewGuid().ToString("N")[..12];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tenants")
        {
            Content = JsonContent.Create(new { tenantName = "Burst Labs", slug, email = $"ana@{slug}.example", password = "correct horse battery staple 2026", displayName = "Ana" }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> CheckPasswordAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/passwords/check")
        {
            Content = JsonContent.Create(new { password = "correct horse battery staple 2026", email = "ana@acme.example" }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> RequestResetAsync(string address, string slug, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/password-resets") { Content = JsonContent.Create(new { slug, email }) };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostInvitationPageAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/invitation")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "no-such-invitation", ["displayName"] = "Mallory", ["password"] = "whatever" }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        request.Headers.AcceptLanguage.ParseAdd("pt-BR");
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> RefreshWithGarbageAsync(string address, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = "not-a-refresh-token", ["client_id"] = clientId,
            }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> RevokeGarbageAsync(string address, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "not-a-token", ["client_id"] = clientId }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> AcceptAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/invitations/accept")
        {
            Content = JsonContent.Create(new { token = "no-such-invitation", displayName = "Mallory", password = "a long enough password for this" }),
        };
        request.Headers.Add(IdentityFixture.RemoteAddressHeader, address);
        return await identity.CreateClient().SendAsync(request);
    }
}
