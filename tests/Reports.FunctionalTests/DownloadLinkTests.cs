using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// A finished job's local download link needs no access token: its signed token is the authorisation,
/// so it must never be written where operators read (logs, traces, metrics).
/// </summary>
public sealed class DownloadLinkTests(ReportsFixture reports, PostgresServerFixture postgres) : IClassFixture<ReportsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_download_token_is_not_in_the_apps_log()
    {
        // The reports app as its own process (as deployed) with request summary lines on, reading POCs from the pocs app.
        var database = await postgres.NewDatabaseAsync("reports");
        var objects = Directory.CreateTempSubdirectory("poctracker-test-objects-");
        try
        {
            await using var app = await AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Reports.dll"), new Dictionary<string, string?>(TestHostSettings.ForAppProcess(ReportsModule.AppId, database))
            {
                ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun, // Production needs one
                ["Invocation__pocs__BaseAddress"] = reports.Pocs.Address.ToString(),
                ["Storage__LocalPath"] = objects.FullName,
                ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
            }, AppProcess.FreeLoopbackPort(), Cancel);
            var owner = TestUser.NewTenantOwner();
            await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Relatório de teste" });
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                TestTokens.For(owner, audiences: [ReportsModule.AppId, PocsModule.AppId]));

            var (link, token) = await FinishedJobLinkAsync(client);
            using var anonymous = new HttpClient();
            using var file = await anonymous.GetAsync(link, Cancel);

            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var line = await WaitForLineAsync(app, "HTTP \\\"GET\\\" \\\"/api/reports/downloads");
            Assert.Contains("responded 200", line, StringComparison.Ordinal);
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
            Assert.DoesNotContain(token, app.LastLines(), StringComparison.Ordinal);
        }
        finally
        {
            objects.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_download_token_is_in_no_trace_or_metric_tag()
    {
        var tags = new List<string>();
        var downloads = 0;
        // The server's span stops when its pipeline ends, which may be after the client has the response: waited for.
        var downloadSpan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (tags)
                {
                    tags.Add(activity.DisplayName);
                    tags.AddRange(activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
                    if (activity.GetTagItem("http.route") is string route && route.StartsWith("/api/reports/downloads", StringComparison.Ordinal))
                    {
                        downloads++;
                        downloadSpan.TrySetResult();
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(traces);
        using var metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metrics.SetMeasurementEventCallback<double>((_, _, measured, _) => Remember(tags, measured));
        metrics.SetMeasurementEventCallback<long>((_, _, measured, _) => Remember(tags, measured));
        metrics.Start();
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Relatório rastreado" });

        var (link, token) = await FinishedJobLinkAsync(reports.ClientFor(owner));
        using var file = await reports.CreateClient().GetAsync(link, Cancel);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await file.Content.ReadAsByteArrayAsync(Cancel);
        await downloadSpan.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        metrics.RecordObservableInstruments();
        lock (tags)
        {
            Assert.True(downloads > 0, "no span of the download route was seen");
            Assert.DoesNotContain(tags, tag => tag.Contains(token, StringComparison.Ordinal));
        }
    }

    private static void Remember(List<string> tags, ReadOnlySpan<KeyValuePair<string, object?>> measured)
    {
        lock (tags)
        {
            foreach (var tag in measured)
            {
                tags.Add($"{tag.Key}={tag.Value}");
            }
        }
    }

    /// <summary>Asks for a CSV job, waits for it, and returns its download link and the link's token.</summary>
    internal static async Task<(string Link, string Token)> FinishedJobLinkAsync(HttpClient client)
    {
        using var accepted = await client.GetAsync("/api/reports/pocs.csv?async=true", Cancel);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30", Cancel);
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        var link = new Uri(done.GetProperty("downloadUrl").GetString()!);
        var token = QueryHelpers.ParseQuery(link.Query).TryGetValue("token", out var value) ? value.ToString() : link.Segments[^1];
        Assert.True(token.Length > 40, link.ToString());
        return (link.ToString(), token);
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
