using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// A POC's whole life in the web app at a phone's size, in an organisation of the test's own (signed up through the SDK):
/// filled from its GitHub repository (WireMock standing in for GitHub's REST API, which Standalone is pointed at),
/// created after a refused field is fixed, found through the list's search, edited, edited from a stale version (the
/// conflict explained, the person's change put back on the latest), deleted through the confirmation dialog.
/// </summary>
public sealed partial class PocEditingTests(RunningProduct product) : ProductInBrowser(product)
{
    private readonly string slug = $"web-{Guid.NewGuid():N}"[..20];
    private readonly string password = $"jabuticaba-{Guid.NewGuid():N}-quintal";

    private string Email => $"ana@{slug}.example.com";

    public override async ValueTask InitializeAsync()
    {
        // "Get a repository" as GitHub's REST docs show it (the fields the preview reads, and some it does not); any other repository is GitHub's 404 (RunningProduct).
        Product.GitHub.Given(Request.Create().WithPath("/repos/ana/nfe-blazor").UsingGet()).AtPriority(1).RespondWith(GitHubAnswer(200, new Dictionary<string, object?>
        {
            ["id"] = 812_345_678, ["node_id"] = "R_kgDOMGx0Tg", ["name"] = "nfe-blazor", ["full_name"] = "ana/nfe-blazor", ["private"] = false,
            ["owner"] = new { login = "ana", id = 583_231, type = "User" }, ["html_url"] = "https://github.com/ana/nfe-blazor",
            ["description"] = "Reads Brazilian electronic invoices on the phone.", ["fork"] = false, ["url"] = "https://api.github.com/repos/ana/nfe-blazor",
            ["language"] = "C#", ["topics"] = new[] { "blazor", "web-assembly" }, ["visibility"] = "public", ["default_branch"] = "main",
            ["created_at"] = "2026-01-10T09:30:00Z", ["updated_at"] = "2026-02-01T10:00:00Z", ["pushed_at"] = "2026-02-01T10:00:00Z",
        }));
        await base.InitializeAsync();
        using var anonymous = new HttpClient { BaseAddress = Standalone.BaseAddress };
        await new IdentityClient(anonymous).SignUpTenantAsync(new TenantSignUpRequest("Web POCs", slug, Email, password, "Ana Web"));
    }

    [Fact]
    public async Task A_poc_is_created_after_a_field_error_found_edited_saved_over_a_conflict_and_deleted()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await SignInAsync(page);

        // New POC from GitHub: an unknown repository is said plainly; the known one fills every field left empty, and the
        // name typed first stays.
        await page.GetByRole(AriaRole.Link, new() { Name = "New POC" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New POC" })).ToBeVisibleAsync();
        await page.Locator("#poc-name").FillAsync("Leitor de NF-e em Blazor");
        var fromGitHub = page.GetByLabel("Start from a GitHub repository");
        await fromGitHub.FillAsync("https://github.com/ana/nfe-private");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fill from GitHub" }).ClickAsync();
        await Expect(page.Locator(".github-fill").GetByRole(AriaRole.Alert)).ToHaveTextAsync("Repository not found or private.");
        await fromGitHub.FillAsync("https://github.com/ana/nfe-blazor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fill from GitHub" }).ClickAsync();
        var filled = page.Locator(".github-fill").GetByRole(AriaRole.Status);
        await Expect(filled).ToContainTextAsync("Filled from GitHub: Description, Language, Tags, Repository (GitHub), Started on.");
        await Expect(filled).ToContainTextAsync("Kept what you typed: Name.");
        await Expect(page.Locator(".github-fill").GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.Locator("#poc-name")).ToHaveValueAsync("Leitor de NF-e em Blazor");
        await Expect(page.Locator("#poc-description")).ToHaveValueAsync("Reads Brazilian electronic invoices on the phone.");
        await Expect(page.Locator("#poc-language")).ToHaveValueAsync("C#"); // the preview's languageName, even in a new organisation with no facets to name it
        await Expect(page.Locator(".tag-chip span")).ToHaveTextAsync(["#blazor", "#web-assembly"]);
        await Expect(page.Locator("#poc-repository")).ToHaveValueAsync("https://github.com/ana/nfe-blazor");
        await Expect(page.Locator("#poc-started")).ToHaveValueAsync("2026-01-10");
        Assert.Single(Product.GitHub.LogEntries, e => e.RequestMessage.Path == "/repos/ana/nfe-blazor");
        await Screenshots.SaveAsync(page, "poc-from-github");

        // Then a repository the API refuses (GitHub only): the error shows at the field, which takes the focus, and
        // nothing typed is lost.
        var tagEntry = page.Locator("#poc-tag-entry");
        await tagEntry.FillAsync("NF-e");
        await tagEntry.PressAsync("Enter");
        await tagEntry.FillAsync("Offline First,");
        await Expect(page.Locator(".tag-chip span")).ToHaveTextAsync(["#blazor", "#web-assembly", "#NF-e", "#Offline First"]);
        await Expect(tagEntry).ToHaveValueAsync(""); // the comma took the text into a chip: none of it stays in the box
        await page.Locator("#poc-repository").FillAsync("https://gitlab.com/ana/nfe");
        await page.Locator("#poc-status").SelectOptionAsync("in-progress");
        await page.Locator("#poc-notes").FillAsync(
            "## Plan\n\n- parse the **XML**\n- <script>window.injected = 1</script>\n- [docs](https://www.nfe.fazenda.gov.br) and [a trap](javascript:window.injected=2)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create POC" }).ClickAsync();

        var repositoryError = page.Locator("#poc-repositoryUrl-error");
        await Expect(repositoryError).ToContainTextAsync("github.com");
        await Expect(page.Locator("#poc-repository")).ToBeFocusedAsync();
        await Expect(page.Locator("#poc-repository")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#poc-name")).ToHaveValueAsync("Leitor de NF-e em Blazor");
        await Expect(page.Locator(".tag-chip")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(page, "poc-form");

        // Fixed, saved: the detail page with every field, the notes' markdown rendered and its script and trap inert.
        await page.Locator("#poc-repository").FillAsync("https://github.com/ana/nfe-blazor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create POC" }).ClickAsync();
        await page.WaitForURLAsync(PocPage());
        var id = Guid.Parse(PocPage().Match(page.Url).Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leitor de NF-e em Blazor" })).ToBeVisibleAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("github.com/ana/nfe-blazor");
        await Expect(page.Locator(".facts")).ToContainTextAsync("#blazor");
        await Expect(page.Locator(".facts")).ToContainTextAsync("#web-assembly");
        await Expect(page.Locator(".facts")).ToContainTextAsync("#offline-first");
        await Expect(page.Locator(".card-meta")).ToContainTextAsync("C#");
        await Expect(page.Locator(".markdown strong")).ToHaveTextAsync("XML");
        await Expect(page.Locator(".markdown")).ToContainTextAsync("<script>window.injected = 1</script>");
        await Expect(page.Locator(".markdown script")).ToHaveCountAsync(0);
        await Expect(page.Locator(".markdown a")).ToHaveCountAsync(1);
        await Expect(page.Locator(".markdown a")).ToHaveAttributeAsync("href", "https://www.nfe.fazenda.gov.br");
        await Expect(page.Locator(".markdown")).ToContainTextAsync("a trap");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));

        // A code note: added, listed, opened as text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a code note" }).ClickAsync();
        await page.Locator("#note-title").FillAsync("Parser");
        await page.Locator("#note-language").FillAsync("csharp");
        await page.Locator("#note-content").FillAsync("var nota = XDocument.Parse(\"<NFe/>\");");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Parser" }).ClickAsync();
        await Expect(page.Locator("pre.code")).ToHaveTextAsync("var nota = XDocument.Parse(\"<NFe/>\");");
        await Screenshots.SaveAsync(page, "poc-detail");

        // Found through the list's search, opened from its card.
        await page.GetByRole(AriaRole.Link, new() { Name = "All POCs" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox).FillAsync("leitor");
        await Expect(page.Locator(".count")).ToHaveTextAsync(new Regex("^1 POC"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Leitor de NF-e em Blazor" }).ClickAsync();
        await page.WaitForURLAsync(PocPage());

        // Edited.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#poc-name")).ToHaveValueAsync("Leitor de NF-e em Blazor");
        await page.Locator("#poc-description").FillAsync("Reads NF-e invoices on the phone, offline first.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator(".description")).ToHaveTextAsync("Reads NF-e invoices on the phone, offline first.");

        // A stale edit: the page holds version 2 while the SDK, behind its back, makes it 3 (the status); the page's save
        // is refused and explained, the reload shows the latest and keeps the person's change to put back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#poc-name")).ToHaveValueAsync("Leitor de NF-e em Blazor");
        var behindTheBack = new PocsClient(new HttpClient { BaseAddress = Standalone.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(page)) } });
        var stored = await behindTheBack.GetAsync(id);
        Assert.Equal(2, stored.Version);
        await behindTheBack.UpdateAsync(id, stored.Version, PocDraft(stored) with { Status = "done" });

        await page.Locator("#poc-description").FillAsync("Reads NF-e and NFC-e invoices.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator(".conflict")).ToContainTextAsync("Changed by someone else — reload");
        await Expect(page.Locator(".conflict")).ToBeFocusedAsync(); // the save button is at the end: the explanation comes into view
        await Expect(page.Locator(".conflict")).ToBeInViewportAsync();
        await Expect(page.Locator("#poc-description")).ToHaveValueAsync("Reads NF-e and NFC-e invoices.");
        await Screenshots.SaveAsync(page, "poc-conflict");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the latest version" }).ClickAsync();
        await Expect(page.Locator("#poc-status")).ToHaveValueAsync("done");
        await Expect(page.Locator("#poc-description")).ToHaveValueAsync("Reads NF-e invoices on the phone, offline first.");
        await Expect(page.Locator("#kept-description")).ToHaveValueAsync("Reads NF-e and NFC-e invoices.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Put my changes back" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator(".description")).ToHaveTextAsync("Reads NF-e and NFC-e invoices.");
        await Expect(page.Locator(".card-meta .status")).ToHaveTextAsync("Done");

        // Deleted through the dialog, back at the (now empty) list; its address is then a not-found state.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your POCs" })).ToBeVisibleAsync();
        await Expect(page.Locator(".empty-title")).ToHaveTextAsync("No POCs yet");
        await page.GotoAsync($"/pocs/{id}");
        await Expect(page.GetByText("POC not found")).ToBeVisibleAsync();
    }

    /// <summary>An answer as GitHub's REST API writes it (its JSON type and API version headers).</summary>
    private static IResponseBuilder GitHubAnswer(int status, object body) => Response.Create()
        .WithStatusCode(status)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithHeader("x-github-api-version-selected", "2022-11-28")
        .WithBody(JsonSerializer.Serialize(body));

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("#tenant").FillAsync(slug);
        await page.Locator("#email").FillAsync(Email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your POCs" })).ToBeVisibleAsync();
    }

    /// <summary>The page's own access token (the tab's sessionStorage): the SDK acts as the same person, elsewhere.</summary>
    private static async Task<string> AccessTokenAsync(IPage page)
    {
        var tokens = await page.EvaluateAsync<string>("() => sessionStorage.getItem('poctracker.tokens')");
        using var json = JsonDocument.Parse(tokens);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static PocWriteRequest PocDraft(PocDto poc) => new()
    {
        Name = poc.Name,
        Description = poc.Description,
        Language = poc.Language,
        Tags = poc.Tags,
        RepositoryUrl = poc.RepositoryUrl,
        Status = poc.Status,
        StartedOn = poc.StartedOn,
        FinishedOn = poc.FinishedOn,
        Notes = poc.Notes,
        Visibility = poc.Visibility,
    };

    [GeneratedRegex("/pocs/([0-9a-f-]{36})$")]
    private static partial Regex PocPage();
}
