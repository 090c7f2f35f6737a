using System.Globalization;
using System.Net;
using PocTracker.Web.Pocs;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>
/// "From GitHub" on the new-POC page: the preview fills the fields the person left empty and keeps what they typed; a
/// 404, a 503 with its Retry-After and a 400 on the address are each explained where the person looks.
/// </summary>
public sealed class FromGitHubTests : PocsTestContext
{
    private const string Preview = "/api/pocs/github-preview";
    private const string RepositoryJson = """
        {"name":"nfe-reader","description":"Reads Brazilian electronic invoices.","language":"csharp","languageName":"C#","tags":["blazor","nf-e"],
         "repositoryUrl":"https://github.com/ana/nfe-reader","startedOn":"2025-03-14"}
        """;

    [Fact]
    public async Task The_preview_fills_the_empty_fields_keeps_what_was_typed_and_the_save_sends_both()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", Preview, RepositoryJson);
        Api.Answer("POST", "/api/pocs", PocJson.Poc(Guid.NewGuid(), version: 1));
        var page = Render<PocEditorPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#poc-languages option").Count));

        page.Find("#poc-name").Input("Leitor de NF-e");
        page.Find("#github-url").Input(" https://github.com/ana/nfe-reader ");
        page.Find("form.github-fill").Submit();

        page.WaitForAssertion(() => Assert.Equal("Filled from GitHub: Description, Language, Tags, Repository (GitHub), Started on.", page.Find(".github-fill-outcome p").TextContent));
        Assert.Equal("Kept what you typed: Name.", page.FindAll(".github-fill-outcome p")[1].TextContent);
        Assert.Equal("status", page.Find(".github-fill-outcome").GetAttribute("role"));
        Assert.Equal("?url=https%3A%2F%2Fgithub.com%2Fana%2Fnfe-reader", Assert.Single(Api.Asked, r => r.Path == Preview).Query);
        Assert.Equal("Leitor de NF-e", page.Find("#poc-name").GetAttribute("value"));
        Assert.Equal("Reads Brazilian electronic invoices.", page.Find("#poc-description").GetAttribute("value"));
        Assert.Equal("C#", page.Find("#poc-language").GetAttribute("value")); // the language as the product names it, not the catalog's key
        Assert.Equal(["#blazor", "#nf-e"], page.FindAll(".tag-chip span").Select(s => s.TextContent));
        Assert.Equal("https://github.com/ana/nfe-reader", page.Find("#poc-repository").GetAttribute("value"));
        Assert.Equal("2025-03-14", page.Find("#poc-started").GetAttribute("value"));

        // A second fill finds nothing left to fill: it never overwrites, so it says so.
        page.Find("form.github-fill").Submit();
        page.WaitForAssertion(() => Assert.Equal(2, Api.Asked.Count(r => r.Path == Preview)));
        page.WaitForAssertion(() => Assert.Equal("Nothing to fill: every field GitHub knows is already filled in.", page.Find(".github-fill-outcome p").TextContent));

        page.Find("form.poc-form").Submit();
        page.WaitForAssertion(() => Assert.Single(Api.Asked, r => r.Method == "POST"));
        var sent = Api.Asked.Single(r => r.Method == "POST").Body;
        Assert.Contains("\"name\":\"Leitor de NF-e\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"language\":\"C#\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"tags\":[\"blazor\",\"nf-e\"]", sent, StringComparison.Ordinal);
        Assert.Contains("\"repositoryUrl\":\"https://github.com/ana/nfe-reader\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"startedOn\":\"2025-03-14\"", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_or_private_repository_is_said_plainly_and_the_form_is_untouched()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", Preview, PocJson.Problem(404, "github-repository-not-found", "The GitHub repository was not found."), HttpStatusCode.NotFound);
        var page = Render<PocEditorPage>();
        page.Find("#poc-description").Input("Mine.");

        page.Find("#github-url").Input("https://github.com/ana/secret");
        page.Find("form.github-fill").Submit();

        page.WaitForAssertion(() => Assert.Equal("Repository not found or private.", page.Find(".github-fill [role=alert]").TextContent));
        Assert.Equal("Mine.", page.Find("#poc-description").GetAttribute("value"));
        Assert.Equal("", page.Find("#poc-repository").GetAttribute("value"));
        Assert.Empty(page.Find(".github-fill-outcome").Children);
    }

    [Fact]
    public async Task GitHub_unavailable_says_how_long_to_wait_in_both_languages()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", Preview, PocJson.Problem(503, "github-unavailable", "GitHub is unavailable."), HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(42));
        var page = Render<PocEditorPage>();

        page.Find("#github-url").Input("https://github.com/ana/nfe-reader");
        page.Find("form.github-fill").Submit();
        page.WaitForAssertion(() => Assert.Equal("GitHub is unavailable, try again in 42 s.", page.Find(".github-fill [role=alert]").TextContent));

        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("pt-BR");
        try
        {
            var portuguese = Render<PocEditorPage>();
            portuguese.Find("#github-url").Input("https://github.com/ana/nfe-reader");
            Assert.Equal("Preencher do GitHub", portuguese.Find("form.github-fill button").TextContent);
            portuguese.Find("form.github-fill").Submit();
            portuguese.WaitForAssertion(() => Assert.Equal("O GitHub está indisponível, tente de novo em 42 s.", portuguese.Find(".github-fill [role=alert]").TextContent));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task An_address_the_server_refuses_is_explained_at_the_input_which_takes_the_focus()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", Preview, PocJson.Problem(400, "validation-failed", "The request is not valid.", errors: """
            {"url":["Only https://github.com/{owner}/{repo} repositories are accepted."]}
            """), HttpStatusCode.BadRequest);
        var page = Render<PocEditorPage>();

        page.Find("#github-url").Input("https://gitlab.com/ana/nfe");
        page.Find("form.github-fill").Submit();

        page.WaitForAssertion(() => Assert.Equal("Only https://github.com/{owner}/{repo} repositories are accepted.", page.Find("#github-url-error").TextContent));
        var input = page.Find("#github-url");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("github-url-hint github-url-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("https://gitlab.com/ana/nfe", input.GetAttribute("value"));
        Assert.Empty(page.FindAll(".github-fill [role=alert]")); // at the field, not repeated
        Assert.Single(JSInterop.Invocations, i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Only_a_new_poc_offers_it()
    {
        var id = Guid.NewGuid();
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", $"/api/pocs/{id}", PocJson.Poc(id, version: 2));

        var page = Render<PocEditorPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Leitor de NF-e", page.Find("#poc-name").GetAttribute("value")));
        Assert.Empty(page.FindAll("#github-url"));
    }
}
