using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// Report jobs run on the job runner, whose state is in the database: a job outlives the host that
/// accepted it, and any host answers for it. Each test leaves the gate open and its hosts stopped.
/// </summary>
public sealed class ReportJobRestartTests(RestartingReportsFixture reports) : IClassFixture<RestartingReportsFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_job_accepted_by_a_host_that_goes_away_before_finishing_completes_on_the_next_host(bool died)
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Sobrevivente" });
        var first = reports.StartHost();
        var arrived = reports.Gate.Arrivals.Count;
        reports.Gate.Close();
        Guid id;
        try
        {
            using var accepted = await first.ClientFor(owner).GetAsync("/api/reports/pocs.csv?async=true");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await reports.Gate.ArrivedAsync(arrived + 1); // the first host is reading the POCs
            var running = await first.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}");
            Assert.Equal("running", running.GetProperty("status").GetString());

            await reports.StopAsync(first);
            if (died)
            {
                await LeaveAsADeadProcessWouldAsync(owner.TenantId, id);
            }
        }
        finally
        {
            reports.Gate.Open();
        }

        var next = reports.StartHost();
        try
        {
            var client = next.ClientFor(owner);
            var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");

            Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
            Assert.Equal(1, done.GetProperty("rows").GetInt64());
            Assert.Equal(2, await RunsOfAsync(owner.TenantId, id)); // taken by the first host, then again by the next
            using var file = await next.CreateClient().GetAsync(done.GetProperty("downloadUrl").GetString());
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Contains("Sobrevivente", Encoding.UTF8.GetString(await file.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        finally
        {
            await reports.StopAsync(next);
        }
    }

    [Fact]
    public async Task Long_polling_answers_when_the_job_ends_on_whichever_host_asks()
    {
        var owner = TestUser.NewTenantOwner();
        var accepting = reports.StartHost();
        var other = reports.StartHost();
        var arrived = reports.Gate.Arrivals.Count;
        reports.Gate.Close();
        try
        {
            using var accepted = await accepting.ClientFor(owner).GetAsync("/api/reports/pocs.csv?async=true");
            var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await reports.Gate.ArrivedAsync(arrived + 1); // one of the hosts is reading the POCs, held

            var polling = other.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30", TestContext.Current.CancellationToken);
            reports.Gate.Open();
            var done = await polling;

            Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        }
        finally
        {
            reports.Gate.Open();
            await reports.StopAsync(accepting);
            await reports.StopAsync(other);
        }
    }

    /// <summary>
    /// Makes the stopped host's job look as a process that died leaves it: still running under that
    /// process's name, its lease over (a clean stop hands the job back instead).
    /// </summary>
    private async Task LeaveAsADeadProcessWouldAsync(Guid tenant, Guid id)
    {
        await using var connection = await reports.OwnerConnectionAsync(tenant);
        await using var update = new NpgsqlCommand("""
            update job_runs set status = 'running', lease_owner = 'a-dead-process', lease_until = now() - interval '1 second'
            where id = @id and status = 'pending'
            """, connection);
        update.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private async Task<int> RunsOfAsync(Guid tenant, Guid id)
    {
        await using var connection = await reports.OwnerConnectionAsync(tenant);
        await using var query = new NpgsqlCommand("select runs from job_runs where id = @id", connection);
        query.Parameters.AddWithValue("id", id);
        return (int)(await query.ExecuteScalarAsync())!;
    }
}
