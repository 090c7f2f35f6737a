using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// Text that is not fit for interchange (Unicode noncharacters such as U+FFFE, lone surrogates, NUL) is
/// refused where it comes in, in every text field, as a 400 naming the field: stored once, it would break
/// every PDF report that includes it, for everyone in the tenant. A name must also show something.
/// </summary>
public sealed class TextInputTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // label, JSON body, field the problem must name
        { "U+FFFE in the name", """{"name":"Relatório \uFFFE"}""", "name" },
        { "U+FFFF in the description", """{"name":"ok","description":"a\uFFFFb"}""", "description" },
        { "U+FDD0 in the notes", """{"name":"ok","notes":"a\uFDD0b"}""", "notes" },
        { "U+FDEF in the language", """{"name":"ok","language":"go\uFDEF"}""", "language" },
        { "U+1FFFE (end of plane 1) in the name", """{"name":"a\uD83F\uDFFEb"}""", "name" },
        { "U+10FFFF (end of plane 16) in the name", """{"name":"a\uDBFF\uDFFFb"}""", "name" },
        { "U+FFFE in a tag", """{"name":"ok","tags":["ok","a\uFFFEb"]}""", "tags[1]" },
        { "NUL in the description", """{"name":"ok","description":"a\u0000b"}""", "description" },
        { "a null tag", """{"name":"x","tags":[null]}""", "tags[0]" },
        { "a name of zero-width characters", """{"name":"\u200B\u200C\u200D\u2060\uFEFF"}""", "name" },
        { "a name of zero-width characters and spaces", """{"name":" \u200B \u2060 "}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Text_unfit_for_interchange_is_a_400_naming_the_field_and_writes_nothing(string label, string body, string field)
    {
        var user = TestUser.NewTenantOwner();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.ClientFor(user).PostAsync("/api/pocs", content, Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.ErrorFields().Contains(field), $"{label}: expected an error for {field}, got {string.Join(", ", problem.ErrorFields())}");
        Assert.Equal(0, await api.CountPocsAsync(user.TenantId));
    }

    [Fact]
    public async Task An_update_with_a_noncharacter_leaves_the_poc_as_it_was()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        var poc = await client.CreatePocAsync("Intacto", "go");

        using var response = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "Mudado\uFFFF" }, "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["name"], problem.ErrorFields());
        PocsClient.AssertSamePoc(poc, await client.GetFromJsonAsync<PocDto>($"/api/pocs/{poc.Id}", Cancel));
    }

    [Fact]
    public async Task Visible_text_around_zero_width_characters_and_every_plane_is_accepted()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());

        // A joiner inside an emoji sequence, a supplementary-plane letter, tabs and line breaks in long text are all fine.
        var poc = await client.CreatePocAsync(new PocWriteRequest
        {
            Name = "Equipe 👩\u200D💻 𝔘nicode", Description = "linha 1\r\nlinha 2\tcom tab", Tags = ["𐐀𐐨"],
        });

        Assert.Equal("Equipe 👩\u200D💻 𝔘nicode", poc.Name);
        Assert.Equal(["𐐨𐐨"], poc.Tags);
    }

    [Theory]
    [InlineData("q=relat%EF%BF%BEorio", "q")]          // U+FFFE
    [InlineData("name=a%EF%BF%BFb", "name")]           // U+FFFF
    [InlineData("language=go%EF%B7%90", "language")]   // U+FDD0
    [InlineData("tags=ok,a%EF%BF%BEb", "tags")]
    [InlineData("q=a%F0%9F%BF%BF", "q")]               // U+1FFFF
    public async Task Search_text_unfit_for_interchange_is_a_400_naming_the_parameter(string query, string field)
    {
        using var response = await api.ClientFor(TestUser.NewTenantOwner()).GetAsync("/api/pocs?" + query, Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Code_notes_refuse_noncharacters_field_by_field()
    {
        var owner = TestUser.NewTenantOwner();
        using var client = api.ClientFor(owner);
        var poc = await client.CreatePocAsync("Dojo kata", "go");

        using var response = await client.PostAsJsonAsync($"/api/pocs/{poc.Id}/code-notes",
            new CodeNoteRequest("Kata \uFFFE", "rust\uFDD0", "fn main() {}\uFFFF", "dojo:\uDBFF\uDFFE"), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["content", "language", "source", "title"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task A_code_note_title_of_zero_width_characters_is_refused()
    {
        using var client = api.ClientFor(TestUser.NewTenantOwner());
        var poc = await client.CreatePocAsync("Dojo kata", "go");

        using var response = await client.PostAsJsonAsync($"/api/pocs/{poc.Id}/code-notes", new CodeNoteRequest("\u200B\uFEFF", null, "x"), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["title"], problem.ErrorFields());
    }

    [Fact]
    public async Task An_imported_row_with_a_noncharacter_is_refused_with_its_line()
    {
        var owner = TestUser.NewTenantOwner();
        var csv = "name,tags\r\nBom,ok\r\nRuim \uFFFE,ok\r\nTag ruim,a\uFFFFb\r\n";

        using var response = await api.ClientFor(owner).PostAsync("/api/pocs/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Cancel);

        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal([3L, 4L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.True(errors[0].GetProperty("errors").TryGetProperty("name", out _), errors[0].ToString());
        Assert.True(errors[1].GetProperty("errors").TryGetProperty("tags[0]", out _), errors[1].ToString());
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));
    }
}
