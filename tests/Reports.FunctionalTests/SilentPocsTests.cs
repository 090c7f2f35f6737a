using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>The pocs app has hung: a report is a 503 once the call's timeout runs out (not a 500, not a wait without end), and a job fails with the reason.</summary>
public sealed class HungPocsTests(HungPocsFixture reports) : IClassFixture<HungPocsFixture>
{
    [Fact]
    public async Task A_csv_report_is_a_503_when_the_pocs_app_does_not_answer_in_time()
    {
        using var client = reports.ClientFor(TestUser.NewTenantOwner());
        var started = Stopwatch.StartNew();

        using var response = await client.GetAsync("/api/reports/pocs.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("service-unavailable", problem.GetProperty("code").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"answered after {started.Elapsed}");
        Assert.True(reports.Silent.Requests >= 1);
    }

    [Fact]
    public async Task A_report_job_fails_with_its_reason_when_the_pocs_app_does_not_answer_in_time()
    {
        using var client = reports.ClientFor(TestUser.NewTenantOwner());
        using var accepted = await client.GetAsync("/api/reports/pocs.pdf?async=true", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();

        var job = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30", TestContext.Current.CancellationToken);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("the pocs app did not answer", job.GetProperty("failure").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>The pocs app starts the export and then stalls: a PDF, which reads the POCs before answering, is a 503 at the read timeout.</summary>
public sealed class StalledPocsTests(StalledPocsFixture reports) : IClassFixture<StalledPocsFixture>
{
    [Fact]
    public async Task A_pdf_report_is_a_503_when_the_export_stalls_midway()
    {
        using var client = reports.ClientFor(TestUser.NewTenantOwner());

        using var response = await client.GetAsync("/api/reports/pocs.pdf", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("service-unavailable", problem.GetProperty("code").GetString());
    }
}

/// <summary>The reports app with the pocs app standing in as a <see cref="SilentApp"/>, and short timeouts for its calls.</summary>
public abstract class SilentPocsFixture(PostgresServerFixture postgres, string? streamThenStall) : ReportsFixture(postgres)
{
    public SilentApp Silent { get; } = new(streamThenStall);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invocation:pocs:BaseAddress", Silent.Address.ToString());
        builder.UseSetting("Invocation:pocs:Timeouts:Attempt", "00:00:01");
        builder.UseSetting("Invocation:pocs:Timeouts:Total", "00:00:04");
        builder.UseSetting("Invocation:pocs:Timeouts:Read", "00:00:02");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Silent.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class HungPocsFixture(PostgresServerFixture postgres) : SilentPocsFixture(postgres, streamThenStall: null);

public sealed class StalledPocsFixture(PostgresServerFixture postgres) : SilentPocsFixture(postgres, JsonSerializer.Serialize(
    new PocDto(Guid.NewGuid(), "Boliche", null, "csharp", "C#", ["kata"], null, "idea", null, null, null, "tenant", Guid.NewGuid(), 1,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), JsonSerializerOptions.Web));
