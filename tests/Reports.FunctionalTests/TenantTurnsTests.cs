using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// Report jobs waiting for the job runner, watched through the gate on their calls to the pocs export:
/// tenants take turns. The test leaves the gate open and every job it asked for ended.
/// </summary>
public sealed class TenantTurnsTests(GatedReportsFixture reports) : IClassFixture<GatedReportsFixture>
{
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
            await reports.Gate.ArrivedAsync(first + 1); // the one worker runs it, held at the export
            jobs.Add(await AskAsync(busy.Colleague(), "A2"));
            jobs.Add(await AskAsync(busy.Colleague(), "A3"));
            jobs.Add(await AskAsync(busy.Colleague(), "A4"));
            jobs.Add(await AskAsync(other, "B1"));

            // Let each job's export through only once the next job has reached it: the order they reach it is the runner's order.
            // A job's turn is how many of its tenant's jobs were in the making when it was asked for: B1 0, A2 1, A3 2, A4 3.
            for (var i = 2; i <= jobs.Count; i++)
            {
                reports.Gate.LetOneThrough();
                await reports.Gate.ArrivedAsync(first + i);
            }

            Assert.Equal(["?q=A1", "?q=B1", "?q=A2", "?q=A3", "?q=A4"], reports.Gate.Arrivals.Skip(first));
        }
        finally
        {
            reports.Gate.Open();
        }

        foreach (var (client, id) in jobs)
        {
            var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
            Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        }
    }

    /// <summary>Asks for a CSV job whose filter names it (<c>q</c>, seen by the gate); it is accepted.</summary>
    private async Task<(HttpClient Client, Guid Id)> AskAsync(TestUser user, string name)
    {
        var client = reports.ClientFor(user);
        using var accepted = await client.GetAsync($"/api/reports/pocs.csv?async=true&q={name}");
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        return (client, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }
}
