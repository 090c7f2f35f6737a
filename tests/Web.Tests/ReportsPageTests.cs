using System.Net;
using System.Text;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Reports;
using PocTracker.Web.Pocs;
using PocTracker.Web.Reports;
using PocTracker.Web.Shell;

namespace PocTracker.Web.Tests;

/// <summary>
/// The reports page over the SDK's real clients, answered with the apps' JSON: the list's filters read from the address
/// and shown, a small report saved at once, a large one made by a job followed to its link, and problems shown.
/// </summary>
public sealed class ReportsPageTests : WebTestContext
{
    private const string JobId = "0196f1e2-0000-7000-8000-0000000000b1";
    /// <summary>bUnit's one second is short on a machine shared with builds; an answer comes at once, so this bounds a failure only.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly ScriptedApi api = new();

    public ReportsPageTests()
    {
        Services.AddSingleton(new PocsClient(api.Client()));
        Services.AddSingleton(new ReportsClient(api.Client()));
        Services.AddSingleton<BrowserFiles>();
        api.Json("/api/reports/jobs", "[]");
    }

    [Fact]
    public void The_searchs_filters_come_from_the_address_and_are_shown_with_the_count()
    {
        api.Json("/api/pocs", Count(3));
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?name=api&status=done&tags=rust,cli&tagMode=all&owner=me");

        var page = Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal("3 POCs match", page.Find(".panel .count").TextContent), Wait);
        Assert.Equal(
            ["Name contains: api", "Status: Done", "All of the tags: #rust #cli", "Owner: only mine"],
            page.FindAll(".applied-filters div").Select(d => $"{d.QuerySelector("dt")!.TextContent}: {d.QuerySelector("dd")!.TextContent}"));
        Assert.Equal("/?name=api&tags=rust%2Ccli&tagMode=all&status=done&owner=me", page.Find("a[href^='/?']").GetAttribute("href"));
        Assert.Contains("GET /api/pocs?name=api&tags=rust%2Ccli&tagMode=all&status=done&owner=me&limit=1", api.Asked);
        Assert.Null(page.Find("input[type=checkbox]").GetAttribute("disabled"));
    }

    [Fact]
    public void The_lists_download_link_carries_its_search_and_the_list_starts_from_a_search_in_its_address()
    {
        api.Json("/api/pocs/facets", """{"languages":[],"tags":[{"value":"rust","displayName":"rust","count":1}],"statuses":[]}""");
        api.Json("/api/pocs", Count(0));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=api&tags=rust&owner=me");

        var list = Render<PocListPage>();

        list.WaitForAssertion(() => Assert.Equal("reports?q=api&tags=rust&owner=me", list.Find(".list-actions a").GetAttribute("href")), Wait);
        Assert.Equal("api", list.Find("input[type=search]").GetAttribute("value"));
        Assert.Equal("true", list.Find(".chip").GetAttribute("aria-pressed"));
        Assert.Contains("GET /api/pocs?q=api&tags=rust&owner=me&limit=20", api.Asked);

        list.Find("input[type=search]").Input("cli");
        list.WaitForAssertion(() => Assert.Equal("reports?q=cli&tags=rust&owner=me", list.Find(".list-actions a").GetAttribute("href")), Wait);
    }

    [Fact]
    public void A_small_report_is_downloaded_at_once_and_saved_under_the_servers_name()
    {
        api.Json("/api/pocs", Count(2));
        api.Answer("/api/reports/pocs.csv", () => ScriptedApi.File(Encoding.UTF8.GetBytes("id,name\r\n"), "text/csv", "pocs-2026-12-04.csv"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports?language=csharp");
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("2 POCs match", page.Find(".panel .count").TextContent), Wait);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Downloaded pocs-2026-12-04.csv.", page.Find(".report-progress p").TextContent), Wait);
        var saved = JSInterop.VerifyInvoke("pocTracker.files.save");
        Assert.Equal(("pocs-2026-12-04.csv", "text/csv"), ((string)saved.Arguments[0]!, (string)saved.Arguments[1]!));
        Assert.Contains("GET /api/reports/pocs.csv?language=csharp", api.Asked);
    }

    [Fact]
    public void A_large_report_is_a_job_followed_by_long_polling_whose_link_the_browser_downloads()
    {
        api.Json("/api/pocs", Count(5000));
        api.Answer("/api/reports/pocs.pdf", () => ScriptedApi.Reply(HttpStatusCode.Accepted, Job("queued"), "application/json"));
        api.Json($"/api/reports/jobs/{JobId}", Job("running"), Job("succeeded"));
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("5,000 POCs match", page.Find(".panel .count").TextContent), Wait);
        var background = page.Find("input[type=checkbox]");
        Assert.NotNull(background.GetAttribute("disabled"));
        Assert.NotNull(background.GetAttribute("checked"));
        Assert.Equal("More than 1,000 POCs: the report is prepared in the background and downloads when it is ready.", page.Find("p.hint").TextContent);

        page.FindAll("input[name=report-format]")[1].Change(true);
        api.Json("/api/reports/jobs", $"[{Job("succeeded")}]");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Ready: 5000 POCs. The download has started.", page.Find(".report-progress p").TextContent), Wait);
        Assert.Equal("https://files.test/report.pdf?sig=1", JSInterop.VerifyInvoke("pocTracker.files.follow").Arguments[0]);
        Assert.Contains("GET /api/reports/pocs.pdf?async=true", api.Asked);
        Assert.Contains($"GET /api/reports/jobs/{JobId}?wait=30", api.Asked);
        Assert.Equal("Ready", page.Find(".job-list .badge").TextContent);
    }

    [Fact]
    public void A_failed_job_shows_its_reason()
    {
        api.Json("/api/pocs", Count(1));
        api.Answer("/api/reports/pocs.csv", () => ScriptedApi.Reply(HttpStatusCode.Accepted, Job("queued"), "application/json"));
        api.Json($"/api/reports/jobs/{JobId}", Job("failed", failure: "The POCs could not be read (pocs answered 400)."));
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("1 POC matches", page.Find(".panel .count").TextContent), Wait);

        page.Find("input[type=checkbox]").Change(true);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("The report failed: The POCs could not be read (pocs answered 400).", page.Find(".report-progress p").TextContent), Wait);
        Assert.Empty(page.FindAll(".report-progress progress"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "pocTracker.files.follow");
    }

    [Fact]
    public void A_refused_date_range_is_shown_at_its_input()
    {
        api.Json("/api/pocs", Count(4));
        api.Answer("/api/reports/pocs.csv", () => ScriptedApi.Problem(HttpStatusCode.BadRequest,
            """{"type":"https://poctracker.dev/problems/validation-failed","title":"The request is not valid.","status":400,"code":"validation-failed","errors":{"createdTo":["createdTo is before createdFrom."]}}"""));
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("4 POCs match", page.Find(".panel .count").TextContent), Wait);

        page.Find("#created-from").Change("2026-06-01");
        page.Find("#created-to").Change("2026-01-01");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("createdTo is before createdFrom.", page.Find("#created-to-error").TextContent), Wait);
        Assert.Equal("true", page.Find("#created-to").GetAttribute("aria-invalid"));
        Assert.Equal("false", page.Find("#created-from").GetAttribute("aria-invalid"));
        Assert.Equal("The request is not valid.", page.Find(".problem-title").TextContent);
        Assert.Empty(page.FindAll(".problem-fields")); // shown at the input, not twice
        Assert.Contains("GET /api/reports/pocs.csv?createdFrom=2026-06-01&createdTo=2026-01-01", api.Asked);
    }

    private static string Count(int total) => $$"""{"items":[],"nextCursor":null,"total":{{total}},"totalIsExact":true}""";

    private static string Job(string status, string? failure = null) => $$"""
        {"id":"{{JobId}}","status":"{{status}}","format":"pdf","rows":{{(status == "succeeded" ? "5000" : "null")}},
         "failure":{{(failure is null ? "null" : $"\"{failure}\"")}},
         "downloadUrl":{{(status == "succeeded" ? "\"https://files.test/report.pdf?sig=1\"" : "null")}},
         "createdAt":"2026-12-04T10:00:00+00:00","finishedAt":null,"expiresAt":"2026-12-05T10:00:00+00:00"}
        """;
}
