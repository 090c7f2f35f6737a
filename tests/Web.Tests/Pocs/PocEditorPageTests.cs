using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using PocTracker.Web.Pocs;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>The create and edit page: the server's validation problem by field, the cheap checks, the 412 and its reload.</summary>
public sealed class PocEditorPageTests : PocsTestContext
{
    private static readonly Guid PocId = Guid.Parse("0196f1e2-1111-7000-8000-000000000001");

    [Fact]
    public async Task A_validation_problem_shows_each_fields_messages_at_the_field_focuses_the_first_and_keeps_what_was_typed()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("POST", "/api/pocs", PocJson.Problem(400, "validation-failed", "The request is not valid.", errors: """
            {"repositoryUrl":["Only https://github.com/{owner}/{repo} repositories are accepted."],"tags[1]":["A tag is at most 40 characters."]}
            """), HttpStatusCode.BadRequest);
        var page = Render<PocEditorPage>();
        page.WaitForAssertion(() => Assert.Equal(["C#", "Python"], page.FindAll("#poc-languages option").Select(o => o.GetAttribute("value"))));

        page.Find("#poc-name").Input("Leitor de NF-e");
        page.Find("#poc-repository").Input("https://gitlab.com/ana/nfe");
        page.Find("#poc-tag-entry").Input("Blazor,");
        page.Find("#poc-tag-entry").Input("uma-tag-comprida-demais-para-o-servidor-aceitar");
        page.Find("#poc-tag-entry").KeyDown("Enter");
        Assert.Equal(["#Blazor", "#uma-tag-comprida-demais-para-o-servidor-aceitar"], page.FindAll(".tag-chip span").Select(s => s.TextContent));
        page.Find("form.poc-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Only https://github.com/{owner}/{repo} repositories are accepted.", page.Find("#poc-repositoryUrl-error").TextContent));
        var repository = page.Find("#poc-repository");
        Assert.Equal("true", repository.GetAttribute("aria-invalid"));
        Assert.Equal("poc-repositoryUrl-error", repository.GetAttribute("aria-describedby"));
        Assert.Equal("#uma-tag-comprida-demais-para-o-servidor-aceitar: A tag is at most 40 characters.", page.Find("#poc-tags-error").TextContent);
        Assert.Equal("The request is not valid.", page.Find(".problem-title").TextContent);
        Assert.Empty(page.FindAll(".problem-fields")); // by field, not repeated in a list
        Assert.Equal("Leitor de NF-e", page.Find("#poc-name").GetAttribute("value"));
        Assert.Equal("false", page.Find("#poc-name").GetAttribute("aria-invalid"));

        // The focus moved once, to the first field with an error (which one bUnit cannot tell: its element references are
        // blank; the browser test sees the repository's input focused).
        Assert.Single(JSInterop.Invocations, i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));

        var sent = Assert.Single(Api.Asked, r => r.Method == "POST");
        Assert.Contains("\"repositoryUrl\":\"https://gitlab.com/ana/nfe\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"tags\":[\"Blazor\",\"uma-tag-comprida-demais-para-o-servidor-aceitar\"]", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_of_blanks_is_refused_before_sending()
    {
        await SignInAsync(PocJson.Owner, "member");
        var page = Render<PocEditorPage>();
        page.Find("#poc-name").Input("   ");

        page.Find("form.poc-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("A name is required.", page.Find("#poc-name-error").TextContent));
        Assert.Equal("true", page.Find("#poc-name").GetAttribute("aria-invalid"));
        Assert.DoesNotContain(Api.Asked, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_stale_save_is_explained_and_the_reload_keeps_the_persons_change_to_put_back_on_the_latest()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, version: 3));
        Api.Answer("PUT", $"/api/pocs/{PocId}", PocJson.Problem(412, "precondition-failed", "The resource changed.", "The POC is at version 4; read it again and reapply your change."), HttpStatusCode.PreconditionFailed);
        var page = Render<PocEditorPage>(p => p.Add(x => x.Id, PocId));
        page.WaitForAssertion(() => Assert.Equal("Leitor de NF-e", page.Find("#poc-name").GetAttribute("value")));
        Assert.Equal("C#", page.Find("#poc-language").GetAttribute("value"));

        page.Find("#poc-description").Input("Reads NF-e and NFC-e.");
        page.Find("form.poc-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Changed by someone else — reload", page.Find(".conflict .conflict-title").TextContent));
        Assert.Equal("\"3\"", Assert.Single(Api.Asked, r => r.Method == "PUT").IfMatch);
        Assert.Equal("Reads NF-e and NFC-e.", page.Find("#poc-description").GetAttribute("value"));

        // Someone else had made it "done": the reload shows that, and keeps the person's description aside.
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, version: 4, status: "done"));
        page.Find(".conflict button").Click();
        page.WaitForAssertion(() => Assert.Equal("Reads NF-e and NFC-e.", page.Find("#kept-description").TextContent));
        Assert.Empty(page.FindAll(".conflict"));
        Assert.Equal("Reads invoices.", page.Find("#poc-description").GetAttribute("value"));
        Assert.Equal("done", page.Find("#poc-status").GetAttribute("value"));
        Assert.Single(page.FindAll(".kept-changes dt")); // only what the person changed

        page.FindAll(".kept-changes button").Single(b => b.TextContent == "Put my changes back").Click();
        Assert.Equal("Reads NF-e and NFC-e.", page.Find("#poc-description").GetAttribute("value"));
        Assert.Empty(page.FindAll(".kept-changes"));

        Api.Answer("PUT", $"/api/pocs/{PocId}", PocJson.Poc(PocId, version: 5, description: "Reads NF-e and NFC-e.", status: "done"));
        page.Find("form.poc-form").Submit();
        page.WaitForAssertion(() => Assert.Equal(2, Api.Asked.Count(r => r.Method == "PUT")));
        var second = Api.Asked.Last(r => r.Method == "PUT");
        Assert.Equal("\"4\"", second.IfMatch);
        Assert.Contains("\"status\":\"done\"", second.Body, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"Reads NF-e and NFC-e.\"", second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conflict_is_explained_in_portuguese_too()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("pt-BR");
        try
        {
            await SignInAsync(PocJson.Owner, "member");
            Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, version: 3));
            Api.Answer("PUT", $"/api/pocs/{PocId}", PocJson.Problem(412, "precondition-failed", "The resource changed."), HttpStatusCode.PreconditionFailed);
            var page = Render<PocEditorPage>(p => p.Add(x => x.Id, PocId));
            page.WaitForAssertion(() => Assert.Equal("Leitor de NF-e", page.Find("#poc-name").GetAttribute("value")));

            page.Find("form.poc-form").Submit();

            page.WaitForAssertion(() => Assert.Equal("Alterado por outra pessoa — recarregue", page.Find(".conflict .conflict-title").TextContent));
            Assert.Equal("Recarregar a versão mais recente", page.Find(".conflict button").TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task Another_tenants_or_a_missing_poc_is_a_not_found_state()
    {
        await SignInAsync(PocJson.Owner, "member");
        var page = Render<PocEditorPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("POC not found", page.Find(".empty-title").TextContent));
        Assert.Empty(page.FindAll("form"));
    }
}
