using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PocTracker.Identity.Passwords;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The identity app with its throttles set low enough to reach in a test.</summary>
public sealed class ThrottledIdentityFixture(PostgresServerFixture postgres) : IdentityFixture(postgres)
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:LoginAttemptsPerIpPerMinute", "12");
        builder.UseSetting("Identity:LoginAttemptsPerAccountPerMinute", "4");

        // A budget spent at the start of the test must not come back before its end on a slow machine.
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<LoginThrottle>();
            services.AddSingleton(provider => new LoginThrottle(provider.GetRequiredService<IdentitySettings>(), Window));
        });
    }

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
}

public sealed class LoginProtectionTests(ThrottledIdentityFixture identity) : IClassFixture<ThrottledIdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    [Fact]
    public async Task Attempts_are_throttled_per_account_and_per_ip_before_any_password_is_checked()
    {
        var owner = await identity.SignUpAsync(Password);
        var statuses = new List<HttpStatusCode>();

        // Four attempts a minute per account name, here an unknown one: the fifth is refused.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await identity.AttemptLoginAsync(owner.Slug, "ghost@example.com", "whatever it is");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Twelve a minute per IP: spread over other names, the budget runs out all the same.
        statuses.Clear();
        for (var attempt = 0; attempt < 9; attempt++)
        {
            using var response = await identity.AttemptLoginAsync(owner.Slug, $"ghost{attempt}@example.com", "whatever it is");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(((int)ThrottledIdentityFixture.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture), response.Headers.RetryAfter?.ToString());
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 12 - 5, string.Join(",", statuses));
    }
}
