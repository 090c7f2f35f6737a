using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>POST /api/pocs/import: the CSV report's format back into POCs.</summary>
public sealed class ImportTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private const string Header = "id,name,description,language,tags,status,visibility,startedOn,finishedOn,repositoryUrl,notes,ownerId,createdAt,updatedAt";

    private static StringContent Csv(string text, string mediaType = "text/csv") => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Valid_rows_become_pocs_of_the_importer_and_refused_rows_come_back_with_their_line_and_errors()
    {
        var owner = TestUser.NewTenantOwner();
        var client = api.ClientFor(owner);
        var csv = $""""
            {Header}
            {Guid.NewGuid()},"Leitor de boletos, v2","OCR ""rápido""",go,ocr;machine-learning,in-progress,tenant,2026-05-02,,https://github.com/otiai10/gosseract,"linha 1
            linha 2",{Guid.NewGuid()},2026-05-02T10:00:00.0000000Z,2026-05-03T10:00:00.0000000Z
            ,,,,,,,,,,,,,
            ,'=HYPERLINK(x),,,,idea,private,2026-13-01,,,,,,
            ,Cache distribuído,,csharp,,done,tenant,2026-01-10,2026-02-01,,,,,
            """".ReplaceLineEndings("\r\n");

        using var response = await client.PostAsync("/api/pocs/import", Csv(csv));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(2, result.GetProperty("refused").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(4, errors[0].GetProperty("line").GetInt64()); // the quoted notes span lines 2 and 3
        Assert.True(errors[0].GetProperty("errors").TryGetProperty("name", out _), errors[0].ToString());
        Assert.Equal(5, errors[1].GetProperty("line").GetInt64());
        Assert.True(errors[1].GetProperty("errors").TryGetProperty("startedOn", out _), errors[1].ToString());

        var page = await client.SearchAsync("sort=name");
        var imported = page.Items.Single(p => p.Name == "Leitor de boletos, v2");
        Assert.Equal("OCR \"rápido\"", imported.Description);
        Assert.Equal(["machine-learning", "ocr"], imported.Tags.Order());
        Assert.Equal("linha 1\r\nlinha 2", imported.Notes);
        Assert.Equal(owner.UserId, imported.OwnerId); // new POCs of the importer, whatever the file said
        Assert.Contains(page.Items, p => p.Name == "Cache distribuído" && p.Status == "done");
    }

    [Fact]
    public async Task A_semicolon_file_from_excel_in_portuguese_is_read_and_formula_escapes_are_taken_off()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        var csv = "\uFEFF" + Header.Replace(',', ';') + "\r\n;\"'=SOMA(1;2)\";'+55 11 descrição;;;idea;tenant;;;;;;;\r\n";

        using var response = await client.PostAsync("/api/pocs/import", Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poc = Assert.Single((await client.SearchAsync("")).Items);
        Assert.Equal("=SOMA(1;2)", poc.Name);
        Assert.Equal("+55 11 descrição", poc.Description);
    }

    [Theory]
    [InlineData("name,color\r\nx,blue\r\n", "file")]                 // unknown column
    [InlineData("description\r\nx\r\n", "file")]                     // no name column
    [InlineData("", "file")]                                         // empty
    [InlineData("name\r\n", "file")]                                 // header only
    public async Task A_file_that_is_not_a_poc_export_is_a_400_and_writes_nothing(string csv, string field)
    {
        var owner = TestUser.NewTenantOwner();

        using var response = await api.ClientFor(owner).PostAsync("/api/pocs/import", Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task When_every_row_is_refused_nothing_is_written()
    {
        var owner = TestUser.NewTenantOwner();

        using var response = await api.ClientFor(owner).PostAsync("/api/pocs/import", Csv("name,status\r\nA,weird\r\n,idea\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://poctracker.dev/problems/import-rows-refused", problem.GetProperty("type").GetString());
        Assert.Equal(2, problem.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task Only_csv_is_accepted()
    {
        using var response = await api.ClientFor(TestUser.NewTenantOwner()).PostAsync("/api/pocs/import", Csv("name\r\nA\r\n", "application/json"));

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Application_csv_is_accepted_like_text_csv()
    {
        var owner = TestUser.NewTenantOwner();

        using var response = await api.ClientFor(owner).PostAsync("/api/pocs/import", Csv("name\r\nA\r\n", "application/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_naming_their_line_and_nothing_is_written()
    {
        var owner = TestUser.NewTenantOwner();

        // "Programação" as Excel in Brazil saves it (Windows-1252), sent without a charset: not UTF-8.
        var bytes = Encoding.Latin1.GetBytes("name,description\r\nOk,bom\r\n\"Uma\r\nlinha\",x\r\nProgramação,ruim\r\n");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        using var response = await api.ClientFor(owner).PostAsync("/api/pocs/import", content);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(5, problem.GetProperty("line").GetInt64());
        Assert.Contains("line 5", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    /// <summary>Excel in Brazil saves CSV in Windows-1252; clients usually declare it as iso-8859-1.</summary>
    [Theory]
    [InlineData("text/csv; charset=iso-8859-1")]
    [InlineData("text/csv; charset=windows-1252")]
    [InlineData("application/csv; charset=\"ISO-8859-1\"")]
    public async Task A_declared_charset_is_honoured(string contentType)
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes("name;description\r\nProgramação;ação €\r\n".Replace('€', '\u0080')));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await client.PostAsync("/api/pocs/import", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poc = Assert.Single((await client.SearchAsync("")).Items);
        Assert.Equal("Programação", poc.Name);
        Assert.Equal("ação €", poc.Description); // iso-8859-1 read as windows-1252, as browsers do (WHATWG Encoding)
    }

    [Fact]
    public async Task An_unknown_charset_is_415()
    {
        using var content = new StringContent("name\r\nA\r\n", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("text/csv; charset=klingon");

        using var response = await api.ClientFor(TestUser.NewTenantOwner()).PostAsync("/api/pocs/import", content);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}
