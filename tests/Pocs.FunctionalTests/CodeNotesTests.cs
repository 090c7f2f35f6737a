using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

public sealed class CodeNotesTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_adds_a_note_with_201_and_reads_it_back_whole_and_in_the_list()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var pocId = await CreatePocAsync(member);
        using var client = api.ClientFor(member);
        var content = "fn main() {\n    println!(\"olá 😀\");\n}\n";

        using var created = await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes",
            new CodeNoteRequest("  Kata  ", "rust", content, "dojo:rooms/abc@7"), Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var note = (await created.Content.ReadFromJsonAsync<CodeNoteDto>(Cancel))!;
        Assert.Equal($"/api/pocs/{pocId}/code-notes/{note.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("Kata", "rust", content, "dojo:rooms/abc@7", member.UserId, pocId), (note.Title, note.Language, note.Content, note.Source, note.CreatedBy, note.PocId));
        var read = await client.GetFromJsonAsync<CodeNoteDto>($"/api/pocs/{pocId}/code-notes/{note.Id}", Cancel);
        Assert.Equal(content, read!.Content);
        var listed = Assert.Single((await client.GetFromJsonAsync<List<CodeNoteDto>>($"/api/pocs/{pocId}/code-notes", Cancel))!);
        Assert.Equal((note.Id, "Kata", (string?)null, content.EnumerateRunes().Count()), (listed.Id, listed.Title, listed.Content, listed.Length));
    }

    [Fact]
    public async Task Only_who_may_change_the_poc_adds_notes_and_others_cannot_even_see_another_tenants()
    {
        var owner = TestUser.NewTenantOwner();
        var author = owner.Colleague();
        var pocId = await CreatePocAsync(author);
        var request = new CodeNoteRequest("t", null, "x");

        using var colleague = api.ClientFor(owner.Colleague());
        using var forbidden = await colleague.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", request, Cancel);
        await AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/pocs/{pocId}/code-notes", Cancel)).StatusCode); // sees it, may read

        using var admin = api.ClientFor(owner); // a tenant owner may change any POC
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", request, Cancel)).StatusCode);

        using var stranger = api.ClientFor(TestUser.NewTenantOwner());
        await AssertProblemAsync(await stranger.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", request, Cancel), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await stranger.GetAsync($"/api/pocs/{pocId}/code-notes", Cancel), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await admin.PostAsJsonAsync($"/api/pocs/{Guid.NewGuid()}/code-notes", request, Cancel), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(1L, await CountNotesAsync(pocId));
    }

    [Fact]
    public async Task Bad_notes_are_refused_field_by_field_and_nothing_is_written()
    {
        var owner = TestUser.NewTenantOwner();
        var pocId = await CreatePocAsync(owner);
        using var client = api.ClientFor(owner);

        using var response = await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes",
            new CodeNoteRequest(" ", new string('l', 41), new string('x', (1024 * 1024) + 1), new string('s', 501)), Cancel);
        var errors = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["content", "language", "source", "title"], errors.EnumerateObject().Select(p => p.Name.ToLowerInvariant()).Order());

        using var nul = await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", new CodeNoteRequest("t", null, "a\0b"), Cancel);
        Assert.Contains("content", (await AssertProblemAsync(nul, HttpStatusCode.BadRequest, "validation-failed")).EnumerateObject().Select(p => p.Name.ToLowerInvariant()));
        using var missing = await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", new CodeNoteRequest("t", null, null), Cancel);
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "validation-failed");

        // The biggest content a dojo document can be is accepted.
        using var largest = await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", new CodeNoteRequest("big", null, new string('x', 1024 * 1024)), Cancel);
        Assert.Equal(HttpStatusCode.Created, largest.StatusCode);
        Assert.Equal(1L, await CountNotesAsync(pocId));
    }

    [Fact]
    public async Task Deleting_the_poc_deletes_its_notes()
    {
        var owner = TestUser.NewTenantOwner();
        var pocId = await CreatePocAsync(owner);
        using var client = api.ClientFor(owner);
        (await client.PostAsJsonAsync($"/api/pocs/{pocId}/code-notes", new CodeNoteRequest("t", null, "x"), Cancel)).EnsureSuccessStatusCode();

        (await client.DeleteAsync($"/api/pocs/{pocId}", Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(0L, await CountNotesAsync(pocId));
        await AssertProblemAsync(await client.GetAsync($"/api/pocs/{pocId}/code-notes", Cancel), HttpStatusCode.NotFound, "not-found");
    }

    private async Task<Guid> CreatePocAsync(TestUser user)
    {
        using var client = api.ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/pocs", new PocWriteRequest { Name = "Dojo kata" }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PocDto>(Cancel))!.Id;
    }

    /// <summary>Asserts the problem's status and code; returns its <c>errors</c> member (or an empty object).</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        return problem.RootElement.TryGetProperty("errors", out var errors) ? errors.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
    }

    private async Task<long> CountNotesAsync(Guid pocId)
    {
        await using var connection = api.AdminConnection();
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from poc_code_notes where poc_id = @p", connection);
        command.Parameters.AddWithValue("p", pocId);
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
