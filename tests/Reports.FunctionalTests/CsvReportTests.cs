using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>GET /api/reports/pocs.csv over real HTTP between the reports and pocs apps.</summary>
public sealed class CsvReportTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    private static readonly string[] Header =
        ["id", "name", "description", "language", "tags", "status", "visibility", "startedOn", "finishedOn", "repositoryUrl", "notes", "ownerId", "createdAt", "updatedAt"];

    /// <summary>The file's bytes and its rows as a spreadsheet would read them (header first).</summary>
    private static async Task<(byte[] Bytes, List<string[]> Rows)> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.Split('\n')[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        await using var csv = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = separator, HasHeader = false }, leaveOpen: false);
        var rows = new List<string[]>();
        while (await csv.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i))]);
        }

        return (bytes, rows);
    }

    [Fact]
    public async Task The_csv_has_every_poc_the_callers_search_shows_with_every_field_and_nothing_else()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var shared = await reports.Pocs.CreateAsync(owner, new PocWriteRequest
        {
            Name = "Leitor de boletos, versão 2", Description = "OCR \"rápido\"\ncom quebra", Language = "Golang", Tags = ["ocr", "machine-learning"],
            RepositoryUrl = "https://github.com/otiai10/gosseract", Status = "done", StartedOn = new DateOnly(2026, 5, 2), FinishedOn = new DateOnly(2026, 6, 1),
            Notes = "# notas", Visibility = "tenant",
        });
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Segredo do dono", Visibility = "private" });
        await reports.Pocs.CreateAsync(member, new PocWriteRequest { Name = "Meu rascunho", Visibility = "private" });
        await reports.Pocs.CreateAsync(TestUser.NewTenantOwner(), new PocWriteRequest { Name = "Outra empresa" });

        using var response = await reports.ClientFor(member).GetAsync("/api/reports/pocs.csv");
        var (bytes, rows) = await ReadCsvAsync(response);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^pocs-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte-order mark, for Excel
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(Header, rows[0]);
        Assert.Equal(["Leitor de boletos, versão 2", "Meu rascunho"], rows.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));

        var row = rows.Single(r => r[0] == shared.Id.ToString());
        Assert.Equal("OCR \"rápido\"\ncom quebra", row[2]);
        Assert.Equal("go", row[3]);
        Assert.Equal("machine-learning;ocr", string.Join(';', row[4].Split(';').Order(StringComparer.Ordinal)));
        Assert.Equal(["done", "tenant", "2026-05-02", "2026-06-01", "https://github.com/otiai10/gosseract", "# notas", owner.UserId.ToString()], row[5..12]);
        Assert.Equal(shared.CreatedAt, DateTimeOffset.Parse(row[12], System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", row[12], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "=HYPERLINK(\"http://evil.example\",\"clique\")", Description = "+55 11 9999", Notes = "@SUM(A1:A9)" });
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "-2+3", Description = "\tcomeça com tab" });

        using var response = await reports.ClientFor(owner).GetAsync("/api/reports/pocs.csv");
        var (_, rows) = await ReadCsvAsync(response);

        var cells = rows.Skip(1).SelectMany(r => new[] { r[1], r[2], r[10] }).Where(c => c.Length > 0).ToArray();
        Assert.Equal(5, cells.Length);
        Assert.All(cells, cell => Assert.StartsWith("'", cell, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_are_the_searchs_and_the_creation_range_is_inclusive()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Go one", Language = "go", Tags = ["cli"] });
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Rust one", Language = "rust", Tags = ["cli"] });
        var client = reports.ClientFor(owner);

        using var go = await client.GetAsync("/api/reports/pocs.csv?language=go&tags=cli");
        Assert.Equal(["Go one"], (await ReadCsvAsync(go)).Rows.Skip(1).Select(r => r[1]));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var todayOnly = await client.GetAsync($"/api/reports/pocs.csv?createdFrom={today}&createdTo={today}");
        Assert.Equal(2, (await ReadCsvAsync(todayOnly)).Rows.Count - 1);
        using var before = await client.GetAsync("/api/reports/pocs.csv?createdTo=2020-01-01");
        Assert.Single((await ReadCsvAsync(before)).Rows); // the header alone
    }

    [Theory]
    [InlineData("status=weird", "status")]                                 // checked by the pocs app, passed on
    [InlineData("tagMode=some", "tagMode")]
    [InlineData("createdFrom=2026-02-01&createdTo=2026-01-01", "createdTo")] // inverted range
    [InlineData("createdFrom=01/02/2026", "createdFrom")]
    [InlineData("createdTo=9999-12-31", "createdTo")]                       // its next midnight is past any date type
    [InlineData("createdFrom=9999-12-31", "createdFrom")]
    [InlineData("separator=tab", "separator")]
    public async Task Bad_filters_are_a_400_problem_naming_the_field(string query, string field)
    {
        using var response = await reports.ClientFor(TestUser.NewTenantOwner()).GetAsync("/api/reports/pocs.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://poctracker.dev/problems/validation-failed", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_poc_stored_with_text_the_api_now_refuses_is_in_the_csv_exactly_as_stored()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.StoreBypassingTheApiAsync(owner, StoredText.Name, StoredText.Name, StoredText.Language, StoredText.Tag);

        using var response = await reports.ClientFor(owner).GetAsync("/api/reports/pocs.csv");

        var (_, rows) = await ReadCsvAsync(response);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(StoredText.Name, row[1]);
        Assert.Equal(StoredText.Name, row[2]);
        Assert.Equal(StoredText.Language, row[3]);
        Assert.Equal(StoredText.Tag, row[4]);
    }

    [Fact]
    public async Task A_token_that_does_not_open_the_pocs_api_is_a_403_and_one_for_another_app_a_401()
    {
        var owner = TestUser.NewTenantOwner();

        using var reportsOnly = await reports.ClientFor(owner, audiences: ["reports"]).GetAsync("/api/reports/pocs.csv");
        using var pocsOnly = await reports.ClientFor(owner, audiences: ["pocs"]).GetAsync("/api/reports/pocs.csv");

        Assert.Equal(HttpStatusCode.Forbidden, reportsOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pocsOnly.StatusCode);
    }

    [Fact]
    public async Task In_portuguese_the_separator_is_a_semicolon_for_excel()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Análise, de dados", Tags = ["a", "b"] });

        using var response = await reports.ClientFor(owner, language: "pt-BR").GetAsync("/api/reports/pocs.csv");
        var (bytes, rows) = await ReadCsvAsync(response);

        Assert.StartsWith("\uFEFFid;name;", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("Análise, de dados", rows[1][1]);
    }

    [Fact]
    public async Task Exported_then_imported_into_an_empty_tenant_then_exported_again_gives_the_same_rows()
    {
        var source = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(source, new PocWriteRequest
        {
            Name = "=Fórmula perigosa", Description = "várias\nlinhas, e \"aspas\"", Language = "csharp", Tags = ["dotnet", "api"],
            Status = "done", StartedOn = new DateOnly(2026, 1, 5), FinishedOn = new DateOnly(2026, 2, 1), RepositoryUrl = "https://github.com/dotnet/runtime",
            Notes = "- item 1\n- item 2", Visibility = "private",
        });
        await reports.Pocs.CreateAsync(source, new PocWriteRequest { Name = "Simples" });
        using var exported = await reports.ClientFor(source).GetAsync("/api/reports/pocs.csv");
        var (file, first) = await ReadCsvAsync(exported);

        var target = TestUser.NewTenantOwner();
        using var pocs = new HttpClient { BaseAddress = reports.Pocs.Address };
        pocs.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(target));
        using var body = new ByteArrayContent(file);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var imported = await pocs.PostAsync("/api/pocs/import", body);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());

        using var again = await reports.ClientFor(target).GetAsync("/api/reports/pocs.csv");
        var (_, second) = await ReadCsvAsync(again);

        // Same content; new ids, owner and timestamps (an import creates the importer's own POCs).
        static string[][] Content(List<string[]> rows) =>
            [.. rows.Skip(1).Select(r => r[1..11]).OrderBy(r => r[0], StringComparer.Ordinal)];
        Assert.Equal(Content(first), Content(second));
        Assert.All(second.Skip(1), r => Assert.Equal(target.UserId.ToString(), r[11]));
    }
}
