using System.Net;
using System.Net.Http.Headers;
using PocTracker.TestSupport;
using WireMock.Server;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>
/// GitHub's token is a secret: the pocs app, run as its own process with its debug lines on, sends it to GitHub and
/// writes it in no log line, neither on a success nor on a refusal.
/// </summary>
public sealed class GitHubTokenLogTests(PostgresServerFixture postgres)
{
    private const string Token = "github_pat_11AAAAAAA0secret0never0logged";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_reaches_github_and_no_log_line()
    {
        using var gitHub = WireMockServer.Start();
        var login = FakeGitHub.NewOwner();
        gitHub.GivenRepository(FakeGitHub.Repository(login, "logged"));
        gitHub.GivenRateLimited($"/repos/{login}/limited", DateTimeOffset.UtcNow.AddMinutes(5));
        var database = await postgres.NewDatabaseAsync("pocs");
        await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Pocs.dll"), new Dictionary<string, string?>(TestHostSettings.ForAppProcess(PocsModule.AppId, database))
        {
            ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun, // Production needs one
            ["GitHub__ApiBaseUrl"] = gitHub.Url + "/",
            ["GitHub__Token"] = Token,
            // The app's own and HttpClient's debug lines on, the request summaries too; few enough that AppProcess keeps them all.
            ["Serilog__MinimumLevel__Override__PocTracker"] = "Debug",
            ["Serilog__MinimumLevel__Override__System.Net.Http"] = "Debug",
            ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
        }, AppProcess.FreeLoopbackPort(), Cancel);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(TestUser.NewTenantOwner()));

        using var found = await client.GetAsync($"/api/pocs/github-preview?url=https://github.com/{login}/logged", Cancel);
        using var limited = await client.GetAsync($"/api/pocs/github-preview?url=https://github.com/{login}/limited", Cancel);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.All(gitHub.LogEntries, e => Assert.Equal("Bearer " + Token, Assert.Single(e.RequestMessage.Headers!["Authorization"])));
        await app.DisposeAsync(); // stops the process, so everything it wrote has been read
        var output = app.LastLines();
        Assert.InRange(output.Split('\n').Length, 1, 59); // AppProcess keeps the last 60 lines: none was dropped
        Assert.Contains("GitHub rate-limited", output, StringComparison.Ordinal);
        Assert.Contains("github-preview", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
    }
}
