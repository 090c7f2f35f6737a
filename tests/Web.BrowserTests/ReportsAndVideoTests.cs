using System.Text;
using System.Text.RegularExpressions;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// Reports and the year video against the real product (Standalone with the demo data, real ffmpeg) in a phone-sized
/// Chromium: a CSV of a search downloaded at once and a PDF made by a background job, both of the list's filters; a
/// year video asked for, followed to the end and playable in the page.
/// </summary>
public sealed partial class ReportsAndVideoTests(RunningProduct product) : ProductInBrowser(product)
{
    private const string Password = "jabuticaba-no-quintal-1987";
    private const string CsvHeader = "id,name,description,language,tags,status,visibility,startedOn,finishedOn,repositoryUrl,notes,ownerId,createdAt,updatedAt";

    /// <summary>A film renders with real ffmpeg on a machine other tests share: generous, still bounded.</summary>
    private const float VideoTimeout = 6 * 60_000;


    [Fact]
    public async Task The_report_of_a_search_holds_the_searchs_pocs_at_once_as_csv_and_in_the_background_as_pdf()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await SignInAsync(page, "demo", "ana@demo.poctracker.dev");
        await Expect(page.Locator(".count")).ToHaveTextAsync("32 POCs");

        // The list narrowed by a search; its cards are what the report must hold.
        await page.GetByRole(AriaRole.Searchbox).FillAsync("programacao");
        await Expect(page.Locator(".count")).Not.ToHaveTextAsync("32 POCs");
        await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
        var listed = (await page.Locator(".card-title a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Select(href => Guid.Parse(href.Split('/').Last())).ToHashSet();
        Assert.InRange(listed.Count, 1, 31);

        // The list's link carries the search; the reports page says which filters apply and how many POCs match.
        await page.GetByRole(AriaRole.Link, new() { Name = "Download report" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/reports\?q=programacao$"));
        await Expect(page.Locator(".applied-filters")).ToContainTextAsync("Search");
        await Expect(page.Locator(".applied-filters")).ToContainTextAsync("programacao");
        await Expect(page.Locator(".panel .count")).ToHaveTextAsync(listed.Count == 1 ? "1 POC matches" : $"{listed.Count} POCs match");

        // A small CSV downloads at once: the header row, then exactly the listed POCs.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download report" }).ClickAsync());
        Assert.Matches(@"^pocs-\d{4}-\d{2}-\d{2}\.csv$", csv.SuggestedFilename);
        var rows = ParseCsv(await File.ReadAllTextAsync(await csv.PathAsync(), Encoding.UTF8));
        Assert.Equal(CsvHeader, string.Join(',', rows[0]));
        var reported = rows.Skip(1).ToList();
        Assert.Equal(listed, reported.Select(row => Guid.Parse(row[0])).ToHashSet());
        Assert.Equal(listed.Count, reported.Count);
        Assert.All(reported, row => Assert.Contains("programa", Folded(string.Join(' ', row)), StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Downloaded" })).ToBeVisibleAsync();

        // The same search as a PDF prepared in the background: followed to the end, then downloaded through its link.
        await page.GetByLabel("PDF").CheckAsync();
        await page.GetByLabel("Prepare it in the background").CheckAsync();
        var pdf = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Download report" }).ClickAsync(),
            new() { Timeout = 120_000 });
        await using (var file = File.OpenRead(await pdf.PathAsync()))
        {
            var magic = new byte[5];
            await file.ReadExactlyAsync(magic, TestContext.Current.CancellationToken);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(magic));
        }

        await Expect(page.GetByText($"Ready: {listed.Count} POCs.")).ToBeVisibleAsync();
        await Expect(page.Locator(".job-list .badge.state-succeeded")).ToHaveCountAsync(1);
        await page.Locator(".report-form button[type=submit]").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, 120)");
        await Screenshots.SaveAsync(page, "reports");
    }

    [Fact]
    public async Task A_year_video_is_asked_for_followed_to_the_end_and_plays_in_the_page()
    {
        // Its own organisation: the video is data this test makes.
        var slug = "video-" + Guid.NewGuid().ToString("N")[..10];
        var identity = new IdentityClient(new HttpClient { BaseAddress = Standalone.BaseAddress });
        await identity.SignUpTenantAsync(
            new TenantSignUpRequest("Video Lab", slug, $"owner@{slug}.example", Password, "Vera Video"), TestContext.Current.CancellationToken);

        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await page.GotoAsync("/video");
        await SignInAsync(page, slug, $"owner@{slug}.example");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Year video" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your videos show up here.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Make my video" }).ClickAsync();
        await Expect(page.Locator(".video-progress progress")).ToBeVisibleAsync();
        await Expect(page.Locator(".video-stage")).ToHaveAttributeAsync("aria-live", "polite");
        await Screenshots.SaveAsync(page, "video-progress");

        // A stage caught on its way replaces that picture (the wait for the turn above is the one sure to be seen).
        await page.WaitForFunctionAsync(
            "() => document.querySelector('video.year-video') !== null || (document.querySelector('.video-progress progress')?.value ?? 0) > 0",
            null, new() { Timeout = VideoTimeout, PollingInterval = 200 });
        if (await page.Locator(".video-progress").CountAsync() > 0)
        {
            await Screenshots.SaveAsync(page, "video-progress");
        }

        // Real ffmpeg renders it; then the page fetches the MP4 with the token and plays it from a blob: URL.
        await page.WaitForFunctionAsync(
            "() => { const v = document.querySelector('video.year-video'); return v !== null && v.readyState >= 1 && v.duration > 0; }",
            null, new() { Timeout = VideoTimeout, PollingInterval = 500 });
        Assert.StartsWith("blob:", await page.Locator("video.year-video").GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.InRange(await page.EvaluateAsync<double>("() => document.querySelector('video.year-video').duration"), 5, 61);
        await Expect(page.Locator(".job-list .badge.state-succeeded")).ToHaveCountAsync(1);
        await Expect(page.Locator(".job-list .job-detail").First).ToContainTextAsync("Landscape");
        await Screenshots.SaveAsync(page, "video");
    }

    /// <summary>The identity app's login page (the app never sees the password), back to where the browser was going.</summary>
    private static async Task SignInAsync(IPage page, string tenant, string email)
    {
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("#tenant").FillAsync(tenant);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal) && !url.Contains("login-callback", StringComparison.Ordinal));
    }

    /// <summary>RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; rows end in CRLF. The byte-order mark is dropped.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
