using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Standalone.FunctionalTests;

/// <summary>The README's run command, end to end: a real process with its own PostgreSQL and the demo data.</summary>
public sealed partial class StandaloneHostTests : IDisposable
{
    private const int DemoPocCount = 32;
    private readonly string dataDirectory = StandaloneProcess.CreateDataDirectory();

    [Fact]
    public async Task Demo_run_starts_its_own_postgresql_serves_the_demo_tenant_and_stops_it_on_exit()
    {
        await using (var first = StandaloneProcess.Start(dataDirectory, "--demo"))
        {
            await first.WaitUntilListeningAsync();
            using var http = new HttpClient { BaseAddress = first.BaseAddress };

            using var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            // Tokens the way the README gets them: the code flow with PKCE through the login page.
            var ownerToken = await DemoLogin.TokenAsync(first.BaseAddress, "ana@demo.poctracker.dev");
            var memberToken = await DemoLogin.TokenAsync(first.BaseAddress, "bruno@demo.poctracker.dev");
            var ownerView = await SearchAsync(http, ownerToken, "limit=100");
            var memberView = await SearchAsync(http, memberToken, "limit=100");
            Assert.Equal(DemoPocCount, ownerView.Total);
            Assert.True(memberView.Total < ownerView.Total, "the member must not see the owner's private POC");
            Assert.NotEmpty((await SearchAsync(http, ownerToken, "name=programacao")).Items);

            // The README's token opens the video app too (the video scope is its audience).
            using var videoRequest = new HttpRequestMessage(HttpMethod.Post, "/api/videos");
            videoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ownerToken);
            using var videoAccepted = await http.SendAsync(videoRequest);
            Assert.Equal(HttpStatusCode.Accepted, videoAccepted.StatusCode);

            Assert.Equal(0, await first.StopAsync());
            AssertLogsAreStructuredAndSecretFree(first.Output, [ownerToken, memberToken], DemoLogin.Password);
        }

        Assert.False(File.Exists(Path.Combine(dataDirectory, "postgres", "postmaster.pid")), "PostgreSQL must stop with the host");

        // The key that encrypts the identity app's key ring: made on the first run, for its owner's eyes only.
        var keyRingKey = Path.Combine(dataDirectory, "identity-key-ring.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyRingKey));
        var keyRingKeyBytes = await File.ReadAllBytesAsync(keyRingKey);

        // A second demo run finds everything in place and adds nothing.
        await using var second = StandaloneProcess.Start(dataDirectory, "--demo");
        await second.WaitUntilListeningAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        var token = await DemoLogin.TokenAsync(second.BaseAddress, "ana@demo.poctracker.dev");
        Assert.Equal(DemoPocCount, (await SearchAsync(again, token, "limit=1")).Total);
        Assert.Contains("Demo data: 0 accounts and 0 POCs inserted", second.Output, StringComparison.Ordinal);
        Assert.Equal(keyRingKeyBytes, await File.ReadAllBytesAsync(keyRingKey)); // the same key opened the same ring
    }

    [Fact]
    public async Task Without_demo_the_host_starts_empty_and_refuses_anonymous_calls()
    {
        await using var host = StandaloneProcess.Start(dataDirectory);
        await host.WaitUntilListeningAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var ready = await http.GetAsync("/health/ready");
        using var anonymous = await http.GetAsync("/api/pocs");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => DemoLogin.TokenAsync(host.BaseAddress, "ana@demo.poctracker.dev"));
    }

    [Fact]
    public async Task Metrics_are_on_a_loopback_port_of_their_own_whose_address_is_logged()
    {
        await using var host = StandaloneProcess.Start(dataDirectory);
        await host.WaitUntilListeningAsync();
        var metricsAddress = await host.WaitForOutputAsync(MetricsAddress());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var metrics = await http.GetAsync(new Uri(metricsAddress));
        using var onThePublicPort = await http.GetAsync("/metrics");

        Assert.StartsWith("http://127.0.0.1:", metricsAddress, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onThePublicPort.StatusCode);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Prometheus metrics on (http://[0-9.]+:[0-9]+/metrics)")]
    private static partial System.Text.RegularExpressions.Regex MetricsAddress();

    private static async Task<PocPage> SearchAsync(HttpClient http, string token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/pocs?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PocPage>())!;
    }

    private static void AssertLogsAreStructuredAndSecretFree(string output, string[] tokens, string password)
    {
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, output, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], output, StringComparison.Ordinal); // not even the claims part
        }

        Assert.DoesNotContain("Password=", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password '", output, StringComparison.OrdinalIgnoreCase);

        var requestLines = output.Split('\n')
            .Where(line => line.StartsWith('{') && line.Contains("\"RequestPath\":\"/api/pocs\"", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, line =>
        {
            Assert.True(line.TryGetProperty("@tr", out _), "trace id");
            Assert.Equal("d0d0d0d0-0000-4000-8000-000000000001", line.GetProperty("TenantId").GetString());
            Assert.True(line.TryGetProperty("UserId", out _), "user id");
        });
    }

    public void Dispose() => StandaloneProcess.DeleteDataDirectory(dataDirectory);
}
