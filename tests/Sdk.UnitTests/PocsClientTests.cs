using System.Net;
using System.Text;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.UnitTests;

/// <summary>The pocs client against a scripted server: what it sends, how it reads the export, and how refusals surface.</summary>
public sealed class PocsClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_is_read_line_by_line_with_the_filters_and_the_token_it_was_given()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Line(Poc("Boliche")) + Line(Poc("Compilador")), "application/x-ndjson"));
        var client = new PocsClient(server.Client()).WithAccessToken("viewer-token");

        var export = await client.ExportAsync(new PocSearchFilters { Owner = "me", Tags = "c#,kata", CreatedFrom = "2026-01-01" }, sort: "oldest", Cancel);
        var names = new List<string>();
        await foreach (var poc in export)
        {
            names.Add(poc.Name);
        }

        Assert.Equal(["Boliche", "Compilador"], names);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/pocs/export?tags=c%23%2Ckata&owner=me&createdFrom=2026-01-01&sort=oldest", request.RequestUri!.PathAndQuery);
        Assert.Equal("Bearer viewer-token", request.Headers.Authorization?.ToString());
        Assert.Equal("application/x-ndjson", request.Headers.Accept.Single().MediaType);
    }

    [Fact]
    public async Task A_refused_export_throws_the_problem_with_its_type_code_field_errors_and_status_before_any_poc()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest, """
            {"type":"https://poctracker.dev/problems/validation-failed","title":"The request is invalid.","status":400,
             "detail":"One or more fields are invalid.","errors":{"status":["Unknown status 'bogus'."]},"code":"validation-failed","traceId":"abc"}
            """, "application/problem+json"));

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() =>
            new PocsClient(server.Client()).ExportAsync(new PocSearchFilters { Status = "bogus" }, cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("https://poctracker.dev/problems/validation-failed", refused.Type);
        Assert.Equal("validation-failed", refused.Code);
        Assert.Equal(["Unknown status 'bogus'."], refused.Errors["status"]);
        Assert.Equal("abc", refused.Problem!.TraceId);
    }

    [Fact]
    public async Task An_error_answer_without_a_problem_document_still_throws_with_its_status()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"));

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => new PocsClient(server.Client()).GetAsync(Guid.NewGuid(), Cancel));

        Assert.Equal(HttpStatusCode.BadGateway, refused.Status);
        Assert.Null(refused.Problem);
        Assert.Empty(refused.Errors);
    }

    [Fact]
    public async Task An_export_that_breaks_off_mid_stream_is_an_HttpRequestException()
    {
        var server = new ScriptedServer(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new BreaksAfter(Encoding.UTF8.GetBytes(Line(Poc("Boliche"))))),
        });
        var export = await new PocsClient(server.Client()).ExportAsync(new PocSearchFilters(), cancellationToken: Cancel);
        var read = new List<string>();

        var broken = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var poc in export)
            {
                read.Add(poc.Name);
            }
        });

        Assert.Equal(["Boliche"], read);
        Assert.IsType<IOException>(broken.InnerException);
    }

    [Fact]
    public async Task A_code_note_is_posted_as_json_and_read_back_as_stored()
    {
        var pocId = Guid.NewGuid();
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.Created, $$"""
            {"id":"{{Guid.NewGuid()}}","pocId":"{{pocId}}","title":"Kata","language":"csharp","content":"class A {}","length":10,"source":"dojo:rooms/1@2","createdBy":"{{Guid.NewGuid()}}","createdAt":"2026-12-03T10:00:00+00:00"}
            """, "application/json"));

        var note = await new PocsClient(server.Client()).AddCodeNoteAsync(pocId, new CodeNoteRequest("Kata", "csharp", "class A {}", "dojo:rooms/1@2"), Cancel);

        Assert.Equal((pocId, "Kata", "class A {}"), (note.PocId, note.Title, note.Content));
        var request = Assert.Single(server.Requests);
        Assert.Equal((HttpMethod.Post, $"/api/pocs/{pocId}/code-notes"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Contains("\"title\":\"Kata\"", server.Bodies.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_sends_its_page_parameters_and_refuses_the_exports_date_range()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, """{"items":[],"nextCursor":null,"total":0,"totalIsExact":true}""", "application/json"));
        var client = new PocsClient(server.Client());

        var page = await client.SearchAsync(new PocSearchFilters { Q = "olá mundo" }, sort: "relevance", limit: 5, cursor: "c1", Cancel);

        Assert.Equal(0, page.Total);
        Assert.Equal("/api/pocs?q=ol%C3%A1%20mundo&sort=relevance&limit=5&cursor=c1", Assert.Single(server.Requests).RequestUri!.PathAndQuery);
        await Assert.ThrowsAsync<ArgumentException>(() => client.SearchAsync(new PocSearchFilters { CreatedTo = "2026-01-01" }, cancellationToken: Cancel));
    }

    [Fact]
    public void Filters_survive_their_query_string()
    {
        var filters = new PocSearchFilters { Q = "a+b c&d", Tags = "c#,kata", TagMode = "all", CreatedTo = "2026-12-31" };

        Assert.Equal(filters, PocSearchFilters.FromQueryString(filters.ToQueryString()));
        Assert.Equal(new PocSearchFilters { Q = "a b" }, PocSearchFilters.FromQueryString("?q=a+b&unknown=1"));
        Assert.Equal("", new PocSearchFilters().ToQueryString());
    }

    [Fact]
    public async Task An_update_is_sent_with_the_version_it_was_made_from_as_if_match()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK, Poc("Boliche"), "application/json"));
        var id = Guid.NewGuid();

        var poc = await new PocsClient(server.Client()).UpdateAsync(id, 3, new PocWriteRequest { Name = "Boliche" }, Cancel);
        await new PocsClient(server.Client()).DeleteAsync(id, 4, Cancel);
        await new PocsClient(server.Client()).DeleteAsync(id, cancellationToken: Cancel);

        Assert.Equal("Boliche", poc.Name);
        Assert.Equal((HttpMethod.Put, $"/api/pocs/{id}", "\"3\""), (server.Requests[0].Method, server.Requests[0].RequestUri!.AbsolutePath, server.Requests[0].Headers.IfMatch.Single().Tag));
        Assert.Contains("\"name\":\"Boliche\"", server.Bodies[0], StringComparison.Ordinal);
        Assert.Equal((HttpMethod.Delete, "\"4\""), (server.Requests[1].Method, server.Requests[1].Headers.IfMatch.Single().Tag));
        Assert.Empty(server.Requests[2].Headers.IfMatch);
    }

    private static string Line(string json) => json + "\n";

    private static string Poc(string name) => $$"""
        {"id":"{{Guid.NewGuid()}}","name":"{{name}}","description":null,"language":"csharp","languageDisplayName":"C#","tags":["kata"],"repositoryUrl":null,"status":"idea","startedOn":"2026-01-02","finishedOn":null,"notes":null,"visibility":"tenant","ownerId":"{{Guid.NewGuid()}}","version":1,"createdAt":"2026-01-02T10:00:00+00:00","updatedAt":"2026-01-02T10:00:00+00:00"}
        """.ReplaceLineEndings("");

    /// <summary>A body that gives its bytes, then breaks off as a dropped connection does.</summary>
    private sealed class BreaksAfter(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The connection was reset.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The connection was reset.");
        }
    }

    [Fact]
    public async Task Facets_are_read_in_the_apis_names()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK,
            """{"languages":[{"value":"csharp","displayName":"C#","count":3}],"tags":[{"value":"kata","displayName":"kata","count":2}],"statuses":[]}""", "application/json"));

        var facets = await new PocsClient(server.Client()).GetFacetsAsync(Cancel);

        Assert.Equal(new FacetCount("csharp", "C#", 3), Assert.Single(facets.Languages));
        Assert.Equal("kata", Assert.Single(facets.Tags).Value);
        Assert.Empty(facets.Statuses);
        Assert.Equal("/api/pocs/facets", server.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_import_posts_the_csv_with_its_charset_and_reads_the_created_and_refused_rows()
    {
        var created = Guid.NewGuid();
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK,
            $$$"""{"created":1,"refused":1,"createdIds":["{{{created}}}"],"errors":[{"line":3,"errors":{"status":["Unknown status."]}}]}""", "application/json"));
        using var csv = new MemoryStream(Encoding.Latin1.GetBytes("name;status\r\nProgramação;idea\r\nX;bogus\r\n"));

        var result = await new PocsClient(server.Client()).ImportAsync(csv, "iso-8859-1", Cancel);

        Assert.Equal((1, 1, created), (result.Created, result.Refused, Assert.Single(result.CreatedIds)));
        Assert.Equal((3L, "Unknown status."), (Assert.Single(result.Errors).Line, result.Errors[0].Errors["status"][0]));
        var request = Assert.Single(server.Requests);
        Assert.Equal((HttpMethod.Post, "/api/pocs/import"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Equal("text/csv; charset=iso-8859-1", request.Content!.Headers.ContentType!.ToString());
        Assert.StartsWith("name;status\r\nProgramação;", server.Bodies[0], StringComparison.Ordinal); // the bytes as given, read in their charset
    }

    [Fact]
    public async Task An_import_whose_every_row_is_refused_carries_the_rows_on_the_problem()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest,
            """{"type":"https://poctracker.dev/problems/import-rows-refused","code":"import-rows-refused","status":400,"rows":[{"line":2,"errors":{"name":["Required."]}}]}""",
            "application/problem+json"));
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("name\r\n\r\n"));

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => new PocsClient(server.Client()).ImportAsync(csv, cancellationToken: Cancel));

        Assert.Equal("import-rows-refused", refused.Code);
        var row = Assert.Single(refused.Problem!.Rows!);
        Assert.Equal((2L, "Required."), (row.Line, row.Errors["name"][0]));
        Assert.Equal("text/csv; charset=utf-8", server.Requests[0].Content!.Headers.ContentType!.ToString());
    }
}
