using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// The request summary line says what the client got. The pocs app runs as its own process (as deployed)
/// with the summary lines on, so the test reads the real log output.
/// </summary>
public sealed class RequestLogTests(PostgresServerFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_body_is_logged_as_the_400_the_client_got_not_as_a_500()
    {
        var database = await postgres.NewDatabaseAsync("pocs");
        await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Pocs.dll"), new Dictionary<string, string?>(TestHostSettings.ForAppProcess(PocsModule.AppId, database))
        {
            ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun, // Production needs one
            ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
        }, AppProcess.FreeLoopbackPort(), Cancel);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(TestUser.NewTenantOwner()));

        using var response = await client.PostAsync("/api/pocs", new StringContent("{\"name\": \"cut", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var line = await WaitForLineAsync(app, "HTTP \\\"POST\\\" \\\"/api/pocs\\\" responded");
        Assert.Contains("responded 400", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\"@l\":\"Error\"", line, StringComparison.Ordinal);
    }

    // The line is written when the response completes, on the app's side: read its output until it shows.
    private static async Task<string> WaitForLineAsync(AppProcess app, string start)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (app.LastLines().Split('\n').FirstOrDefault(l => l.Contains(start, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
