using System.Net;
using PocTracker.Web.Pocs;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>The detail page: every field, safe notes, who is offered edit and delete, code notes, a POC that is not there.</summary>
public sealed class PocDetailPageTests : PocsTestContext
{
    private static readonly Guid PocId = Guid.Parse("0196f1e2-2222-7000-8000-000000000002");
    private static readonly Guid NoteId = Guid.Parse("0196f1e2-3333-7000-8000-000000000003");

    public PocDetailPageTests() => Api.Answer("GET", $"/api/pocs/{PocId}/code-notes", "[]");

    [Fact]
    public async Task The_owner_sees_every_field_the_notes_rendered_inert_and_may_edit_and_delete()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, 3, status: "in-progress", notes: "**Plan**\n\n<script>alert(1)</script> [trap](javascript:alert(2))"));

        var page = Render<PocDetailPage>(p => p.Add(x => x.Id, PocId));

        page.WaitForAssertion(() => Assert.Equal("Leitor de NF-e", page.Find("h1").TextContent));
        Assert.Equal("In progress", page.Find(".status").TextContent);
        Assert.Equal("Reads invoices.", page.Find(".description").TextContent);
        Assert.Equal(["#blazor", "#nf-e"], page.FindAll(".facts .card-tags li").Select(t => t.TextContent));
        Assert.Equal("https://github.com/ana/nfe", page.Find(".facts a").GetAttribute("href"));
        Assert.Equal("Plan", page.Find(".markdown strong").TextContent);
        Assert.Empty(page.FindAll(".markdown script"));
        Assert.Empty(page.FindAll(".markdown a"));
        Assert.Contains("<script>alert(1)</script> trap", page.Find(".markdown").TextContent, StringComparison.Ordinal);
        Assert.Equal($"pocs/{PocId}/edit", page.Find(".detail-actions a").GetAttribute("href"));
        Assert.Equal("Delete", page.Find(".detail-actions button").TextContent);
    }

    [Theory]
    [InlineData("member", false)]
    [InlineData("admin", true)]
    [InlineData("owner", true)]
    public async Task On_someone_elses_poc_only_admins_and_owners_are_offered_edit_and_delete(string role, bool offered)
    {
        await SignInAsync(Guid.NewGuid(), role);
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, 1));

        var page = Render<PocDetailPage>(p => p.Add(x => x.Id, PocId));

        page.WaitForAssertion(() => Assert.Equal("Leitor de NF-e", page.Find("h1").TextContent));
        Assert.Equal(offered, page.FindAll(".detail-actions").Count == 1);
        Assert.Equal(offered, page.FindAll(".code-notes button").Any(b => b.TextContent == "Add a code note"));
    }

    [Fact]
    public async Task A_missing_poc_is_a_not_found_state()
    {
        await SignInAsync(PocJson.Owner, "member");

        var page = Render<PocDetailPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("POC not found", page.Find(".empty-title").TextContent));
        Assert.Equal("All POCs", page.Find(".empty a").TextContent);
    }

    [Fact]
    public async Task A_code_note_opens_with_its_code_as_text()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, 1));
        Api.Answer("GET", $"/api/pocs/{PocId}/code-notes", NoteList(content: null));
        Api.Answer("GET", $"/api/pocs/{PocId}/code-notes/{NoteId}", Note(content: "<b>not bold</b>"));
        var page = Render<PocDetailPage>(p => p.Add(x => x.Id, PocId));
        page.WaitForAssertion(() => Assert.Equal("Parser", page.Find(".note-title").TextContent));
        Assert.StartsWith("csharp · 15 characters · ", page.Find(".note-meta").TextContent, StringComparison.Ordinal);

        page.Find(".note-head").Click();

        page.WaitForAssertion(() => Assert.Equal("<b>not bold</b>", page.Find("pre.code code").TextContent));
        Assert.Empty(page.FindAll("pre b"));
        Assert.Equal("true", page.Find(".note-head").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task A_refused_code_note_shows_its_problems_by_field_and_keeps_the_text()
    {
        await SignInAsync(PocJson.Owner, "member");
        Api.Answer("GET", $"/api/pocs/{PocId}", PocJson.Poc(PocId, 1));
        Api.Answer("POST", $"/api/pocs/{PocId}/code-notes", PocJson.Problem(400, "validation-failed", "The request is not valid.", errors: """
            {"title":["A title is required: at least one visible character."],"language":["The language is longer than 40 characters."]}
            """), HttpStatusCode.BadRequest);
        var page = Render<PocDetailPage>(p => p.Add(x => x.Id, PocId));
        page.WaitForAssertion(() => page.FindAll(".code-notes button").Single(b => b.TextContent == "Add a code note").Click());

        page.Find("#note-content").Input("SELECT 1;");
        page.Find(".note-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("A title is required: at least one visible character.", page.Find("#note-title-error").TextContent));
        Assert.Equal("The language is longer than 40 characters.", page.Find("#note-language-error").TextContent);
        Assert.Equal("true", page.Find("#note-title").GetAttribute("aria-invalid"));
        Assert.Equal("SELECT 1;", page.Find("#note-content").GetAttribute("value"));
    }

    private static string Note(string? content) =>
        $$"""{"id":"{{NoteId}}","pocId":"{{PocId}}","title":"Parser","language":"csharp","content":{{(content is null ? "null" : System.Text.Json.JsonSerializer.Serialize(content))}},"length":15,"source":null,"createdBy":"{{PocJson.Owner}}","createdAt":"2026-02-01T10:00:00Z"}""";

    private static string NoteList(string? content) => $"[{Note(content)}]";
}
