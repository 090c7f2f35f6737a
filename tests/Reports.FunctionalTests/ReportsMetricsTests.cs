using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// The reports app's instruments (ReportsMetrics), which the report-job alerts read: jobs ended by outcome and format, and
/// how long a job waited before its work started. Each test makes a job end and reads the app's own meter.
/// </summary>
public sealed class ReportsMetricsTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private InstrumentRecorder Record(string instrument) =>
        new(reports.Services.GetRequiredService<IMeterFactory>(), ReportsMetrics.Name, instrument);

    [Fact]
    public async Task A_report_that_succeeds_counts_one_succeeded_job_and_records_its_wait_in_the_queue()
    {
        using var jobs = Record("poctracker.reports.jobs");
        using var queueWait = Record("poctracker.reports.job.queue_wait");
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Medida" });
        var client = reports.ClientFor(owner);

        using var accepted = await client.GetAsync("/api/reports/pocs.csv?async=true", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30", TestContext.Current.CancellationToken);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());

        await jobs.WaitForAsync(m => m.Count > 0, Patience, TestContext.Current.CancellationToken);
        var ended = Assert.Single(jobs.Measurements);
        Assert.Equal(("succeeded", "csv", 1.0), (ended.Tag("outcome"), ended.Tag("format"), ended.Value));
        var waited = Assert.Single(queueWait.Measurements);
        Assert.Equal("csv", waited.Tag("format"));
        Assert.InRange(waited.Value, 0, 30);
    }

    [Fact]
    public async Task A_job_given_up_after_its_process_kept_dying_counts_one_failed_job()
    {
        using var jobs = Record("poctracker.reports.jobs");
        var owner = TestUser.NewTenantOwner();
        var lost = await LostReportJob.InsertAsync(reports, owner, "pdf", TestContext.Current.CancellationToken);

        var job = await reports.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{lost}?wait=30", TestContext.Current.CancellationToken);
        Assert.Equal("failed", job.GetProperty("status").GetString());

        await jobs.WaitForAsync(m => m.Count > 0, Patience, TestContext.Current.CancellationToken);
        var ended = Assert.Single(jobs.Measurements);
        Assert.Equal(("failed", "pdf", 1.0), (ended.Tag("outcome"), ended.Tag("format"), ended.Value));
    }
}
