using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Reports.Jobs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// One replica's queue of report jobs, watched through the gate on its calls to the pocs export: it is
/// bounded, takes tenants in turn, and keeps the jobs waiting in it alive. Each test leaves the gate
/// open and every job it asked for ended.
/// </summary>
public sealed class ReplicaQueueTests(GatedReportsFixture reports) : IClassFixture<GatedReportsFixture>
{
    [Fact]
    public async Task A_replica_whose_queue_is_full_answers_503_with_retry_after_and_makes_no_job()
    {
        // Counted before asking: the job can reach the gate before AskAsync returns.
        var first = reports.Gate.Arrivals.Count;
        reports.Gate.Close();
        var jobs = new List<(HttpClient Client, Guid Id)>();
        try
        {
            jobs.Add(await AskAsync(TestUser.NewTenantOwner(), "running"));
            await reports.Gate.ArrivedAsync(first + 1); // the runner holds it, at the export
            for (var i = 0; i < GatedReportsFixture.QueueCapacity; i++)
            {
                jobs.Add(await AskAsync(TestUser.NewTenantOwner(), $"waiting-{i}"));
            }

            var turnedAway = reports.ClientFor(TestUser.NewTenantOwner());
            using var refused = await turnedAway.GetAsync("/api/reports/pocs.csv?async=true");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://poctracker.dev/problems/service-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal(0, (await turnedAway.GetFromJsonAsync<JsonElement>("/api/reports/jobs")).GetArrayLength());
        }
        finally
        {
            reports.Gate.Open();
        }

        await AllSucceededAsync(jobs);
    }

    [Fact]
    public async Task Tenants_take_turns_a_tenant_asking_for_many_reports_does_not_hold_back_the_next_one()
    {
        var busy = TestUser.NewTenantOwner();
        var other = TestUser.NewTenantOwner();
        var first = reports.Gate.Arrivals.Count;
        reports.Gate.Close();
        var jobs = new List<(HttpClient Client, Guid Id)>();
        try
        {
            jobs.Add(await AskAsync(busy, "A1"));
            await reports.Gate.ArrivedAsync(first + 1);
            jobs.Add(await AskAsync(busy.Colleague(), "A2"));
            jobs.Add(await AskAsync(busy.Colleague(), "A3"));
            jobs.Add(await AskAsync(busy.Colleague(), "A4"));
            jobs.Add(await AskAsync(other, "B1"));

            // Let each job's export through only once the next job has reached it: the order they reach it is the runner's order.
            for (var i = 2; i <= jobs.Count; i++)
            {
                reports.Gate.LetOneThrough();
                await reports.Gate.ArrivedAsync(first + i);
            }

            Assert.Equal(["?q=A1", "?q=A2", "?q=B1", "?q=A3", "?q=A4"], reports.Gate.Arrivals.Skip(first));
        }
        finally
        {
            reports.Gate.Open();
        }

        await AllSucceededAsync(jobs);
    }

    [Fact]
    public async Task A_job_waiting_its_turn_longer_than_a_lease_keeps_its_lease_and_is_not_swept_as_lost()
    {
        var first = reports.Gate.Arrivals.Count;
        reports.Gate.Close();
        var jobs = new List<(HttpClient Client, Guid Id)>();
        try
        {
            jobs.Add(await AskAsync(TestUser.NewTenantOwner(), "running"));
            await reports.Gate.ArrivedAsync(first + 1);
            jobs.Add(await AskAsync(TestUser.NewTenantOwner(), "waiting"));

            // Past the 2-minute lease, a quarter of a lease at a time: each time the runner renews both.
            for (var step = 0; step < 5; step++)
            {
                reports.Clock.Advance(ReportJobStore.Lease / 4);
                // (A second short of a full lease: the database keeps microseconds, the clock ticks of 100 ns.)
                await LeasesRenewedAsync(jobs.Select(j => j.Id).ToList(), reports.Clock.GetUtcNow() + ReportJobStore.Lease - TimeSpan.FromSeconds(1));
            }

            await using (var scope = reports.Services.CreateAsyncScope())
            {
                var (lost, _) = await scope.ServiceProvider.GetRequiredService<ReportJobStore>().SweepAsync(CancellationToken.None);
                Assert.Equal(0, lost);
            }

            var waiting = await jobs[1].Client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{jobs[1].Id}");
            Assert.Equal("queued", waiting.GetProperty("status").GetString());
        }
        finally
        {
            reports.Gate.Open();
        }

        await AllSucceededAsync(jobs);
    }

    /// <summary>Asks for a CSV job whose filter names it (<c>q</c>, seen by the gate); it is accepted.</summary>
    private async Task<(HttpClient Client, Guid Id)> AskAsync(TestUser user, string name)
    {
        var client = reports.ClientFor(user);
        using var accepted = await client.GetAsync($"/api/reports/pocs.csv?async=true&q={name}");
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        return (client, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task AllSucceededAsync(List<(HttpClient Client, Guid Id)> jobs)
    {
        foreach (var (client, id) in jobs)
        {
            var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
            Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        }
    }

    /// <summary>Waits (at most 30 s) until every job's lease runs to <paramref name="until"/> or later.</summary>
    private async Task LeasesRenewedAsync(List<Guid> ids, DateTimeOffset until)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(reports.Database.Relay);
        await connection.OpenAsync(timeout.Token);
        while (true)
        {
            await using var query = new NpgsqlCommand("select count(*) from report_jobs where id = any(@ids) and lease_until >= @until", connection);
            query.Parameters.AddWithValue("ids", ids.ToArray());
            query.Parameters.AddWithValue("until", until);
            if ((long)(await query.ExecuteScalarAsync(timeout.Token))! == ids.Count)
            {
                return;
            }

            // Polling a condition (the runner's write) with a deadline, not waiting on time.
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
