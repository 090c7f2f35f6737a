using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// The caps on report jobs in the making (Reports:MaxRunningPerUser 3, MaxRunningPerTenant 10 by
/// default), counted in the database: the jobs that fill them are written there as another replica
/// would hold them, so the caps are seen to hold across replicas.
/// </summary>
public sealed class ReportJobCapsTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    [Theory]
    [InlineData("pocs.csv")]
    [InlineData("pocs.pdf")]
    public async Task A_user_with_as_many_reports_in_the_making_as_allowed_gets_429_with_retry_after_and_no_job(string report)
    {
        var owner = TestUser.NewTenantOwner();
        await reports.InsertJobsAsync(owner, 2, "running");
        await reports.InsertJobsAsync(owner, 1, "queued");
        var client = reports.ClientFor(owner);

        using var refused = await client.GetAsync($"/api/reports/{report}?async=true");

        await AssertTooManyAsync(refused, "You already have 3 reports in the making");
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/reports/jobs")).GetArrayLength());
        await AssertAcceptedAsync(reports.ClientFor(owner.Colleague()), report); // a colleague has room of their own
    }

    [Fact]
    public async Task A_tenant_with_as_many_reports_in_the_making_as_allowed_gets_429_whoever_asks()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.InsertJobsAsync(owner, 3, "running");
        foreach (var (colleague, jobs) in new[] { (owner.Colleague(), 3), (owner.Colleague(), 3), (owner.Colleague(), 1) })
        {
            await reports.InsertJobsAsync(colleague, jobs, "queued");
        }

        using var refused = await reports.ClientFor(owner.Colleague()).GetAsync("/api/reports/pocs.csv?async=true");

        await AssertTooManyAsync(refused, "Your organisation already has 10 reports in the making");
        await AssertAcceptedAsync(reports.ClientFor(TestUser.NewTenantOwner()), "pocs.csv"); // another tenant is not held back
    }

    [Fact]
    public async Task Finished_jobs_do_not_count()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.InsertJobsAsync(owner, 3, "succeeded");
        await reports.InsertJobsAsync(owner, 3, "failed");

        await AssertAcceptedAsync(reports.ClientFor(owner), "pocs.csv");
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://poctracker.dev/problems/too-many-requests", problem.GetProperty("type").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertAcceptedAsync(HttpClient client, string report)
    {
        using var accepted = await client.GetAsync($"/api/reports/{report}?async=true");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
    }
}
