using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>Reports produced in the background: 202, the job's status, the short-lived link, isolation, and jobs whose process kept dying.</summary>
public sealed class ReportJobTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_forced_and_policed()
    {
        var tables = await RowLevelSecurityCatalogue.ReadAsync(reports.Database, TestContext.Current.CancellationToken);

        Assert.Contains(tables, t => t.Name == "report_jobs");
        Assert.All(tables, table => Assert.True(table.Isolated, table.ToString()));
    }

    [Fact]
    public async Task An_async_report_answers_202_and_its_file_arrives_through_a_short_lived_link_that_needs_no_token()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Primeira" });
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Segunda" });
        var client = reports.ClientFor(owner);

        using var accepted = await client.GetAsync("/api/reports/pocs.csv?async=true");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal($"/api/reports/jobs/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "running", "succeeded" });

        // Long polling: the answer comes when the job has ended.
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        Assert.Equal(2, done.GetProperty("rows").GetInt64());

        using var anonymous = reports.CreateClient();
        using var file = await anonymous.GetAsync(done.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await file.Content.ReadAsByteArrayAsync());
        Assert.Contains("Primeira", text, StringComparison.Ordinal);
        Assert.Contains("Segunda", text, StringComparison.Ordinal);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/reports/jobs");
        Assert.Contains(listed.EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_job_is_its_users_own_another_user_or_tenant_gets_404_and_a_tampered_link_404()
    {
        var owner = TestUser.NewTenantOwner();
        using var accepted = await reports.ClientFor(owner).GetAsync("/api/reports/pocs.csv?async=true");
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await reports.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");

        using var colleague = await reports.ClientFor(owner.Colleague("admin")).GetAsync($"/api/reports/jobs/{id}");
        using var stranger = await reports.ClientFor(TestUser.NewTenantOwner()).GetAsync($"/api/reports/jobs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, colleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        var link = done.GetProperty("downloadUrl").GetString()!;
        using var tampered = await reports.CreateClient().GetAsync(link[..^4] + (link[^4] == 'A' ? "B" : "A") + link[^3..]);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
    }

    [Fact]
    public async Task A_pdf_of_more_pocs_than_a_request_should_wait_for_becomes_a_job_on_its_own()
    {
        var owner = TestUser.NewTenantOwner();
        var csv = new StringBuilder("name,tags\r\n");
        for (var i = 0; i <= Pdf.PdfReport.SyncLimit; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"POC {i:D4},lote-{i % 7}\r\n");
        }

        using var pocs = new HttpClient { BaseAddress = reports.Pocs.Address };
        pocs.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(owner));
        using var imported = await pocs.PostAsync("/api/pocs/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var client = reports.ClientFor(owner);

        using var accepted = await client.GetAsync("/api/reports/pocs.pdf");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        Assert.Equal(Pdf.PdfReport.SyncLimit + 1, done.GetProperty("rows").GetInt64());
        using var file = await reports.CreateClient().GetAsync(done.GetProperty("downloadUrl").GetString());
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await file.Content.ReadAsByteArrayAsync());
        Assert.True(pdf.NumberOfPages > 50, $"{pdf.NumberOfPages} pages");
        Assert.Contains(pdf.GetPages(), page => page.Text.Contains("POC 2000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pocs.csv", "createdFrom=ontem", "createdFrom")]
    [InlineData("pocs.csv", "createdTo=9999-12-31", "createdTo")]
    [InlineData("pocs.pdf", "createdTo=9999-12-31", "createdTo")]
    public async Task A_bad_filter_is_refused_before_any_job_is_made(string report, string filter, string field)
    {
        var owner = TestUser.NewTenantOwner();
        var client = reports.ClientFor(owner);

        using var response = await client.GetAsync($"/api/reports/{report}?async=true&{filter}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/reports/jobs")).EnumerateArray());
    }

    [Fact]
    public async Task A_job_whose_process_kept_dying_is_failed_with_a_reason_once_its_lease_has_passed_never_left_running()
    {
        var owner = TestUser.NewTenantOwner();
        var lost = await LostReportJob.InsertAsync(reports, owner, "csv", TestContext.Current.CancellationToken);

        var job = await reports.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{lost}?wait=30");

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("restarted several times", job.GetProperty("failure").GetString(), StringComparison.Ordinal);
    }
}
