using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Sdk.Pocs;
using PocTracker.Web.Pocs;

namespace PocTracker.Web.Tests;

/// <summary>
/// The list page over the SDK's real PocsClient, whose HttpClient is answered by a handler with the API's JSON as the pocs
/// app writes it: what the page shows is what it read from that JSON, and what it asks is in the handler's log.
/// </summary>
public sealed class PocListPageTests : WebTestContext
{
    private const string Facets = """
        {"languages":[{"value":"csharp","displayName":"C#","count":2},{"value":"python","displayName":"Python","count":1}],
         "tags":[{"value":"web","displayName":"web","count":2}],
         "statuses":[{"value":"idea","displayName":"idea","count":2},{"value":"done","displayName":"done","count":1}]}
        """;

    private readonly ApiAnswers api = new();

    public PocListPageTests() =>
        Services.AddSingleton(new PocsClient(new HttpClient(api) { BaseAddress = new Uri("http://app.test/") }));

    [Fact]
    public void The_first_page_of_the_search_becomes_cards_with_the_count_and_the_facets_become_filters()
    {
        api.Answer("/api/pocs/facets", Facets);
        api.Answer("/api/pocs", Page(nextCursor: "c2", total: 3, Poc("Blazor com Monaco", "csharp", "C#", "idea", "web", "editor"), Poc("Pipeline DuckDB", "python", "Python", "done")));

        var page = Render<PocListPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".card").Count));
        Assert.Equal(["Blazor com Monaco", "Pipeline DuckDB"], page.FindAll(".card-title").Select(t => t.TextContent));
        Assert.Equal("3 POCs", page.Find(".count").TextContent);
        Assert.Equal(["#web", "#editor"], page.FindAll(".card")[0].QuerySelectorAll(".card-tags li").Select(t => t.TextContent));
        Assert.Equal("Idea", page.Find(".card .status").TextContent);
        Assert.Equal(["", "csharp", "python"], page.FindAll(".filter-grid select")[0].QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("#web", page.Find(".chip").TextContent);
        Assert.Contains("/api/pocs?limit=20", api.Asked);
    }

    [Fact]
    public void Typing_in_the_search_box_asks_for_that_text_and_shows_the_empty_state_when_nothing_matches()
    {
        api.Answer("/api/pocs/facets", Facets);
        api.Answer("/api/pocs", Page(nextCursor: null, total: 1, Poc("Blazor com Monaco", "csharp", "C#", "idea")));
        var page = Render<PocListPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".card")));

        api.Answer("/api/pocs", Page(nextCursor: null, total: 0));
        page.Find("input[type=search]").Input("cobol");

        page.WaitForAssertion(() => Assert.Equal("No POC matches", page.Find(".empty-title").TextContent));
        Assert.Empty(page.FindAll(".card"));
        Assert.Contains("/api/pocs?q=cobol&limit=20", api.Asked);
    }

    [Fact]
    public void Show_more_asks_for_the_next_page_with_the_cursor_and_appends_it()
    {
        api.Answer("/api/pocs/facets", Facets);
        api.Answer("/api/pocs", Page(nextCursor: "c2", total: 2, Poc("First", null, null, "idea")));
        var page = Render<PocListPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".card")));

        api.Answer("/api/pocs", Page(nextCursor: null, total: 2, Poc("Second", null, null, "done")));
        page.Find("button.wide").Click();

        page.WaitForAssertion(() => Assert.Equal(["First", "Second"], page.FindAll(".card-title").Select(t => t.TextContent)));
        Assert.Contains("/api/pocs?limit=20&cursor=c2", api.Asked);
        Assert.Empty(page.FindAll("button.wide"));
    }

    [Fact]
    public void A_refused_search_is_shown_as_its_problem()
    {
        api.Answer("/api/pocs/facets", Facets);
        api.Answer("/api/pocs", """{"type":"https://poctracker.dev/problems/validation-failed","title":"The request is not valid.","status":400,"code":"validation-failed","errors":{"language":["Unknown language."]}}""",
            HttpStatusCode.BadRequest, "application/problem+json");

        var page = Render<PocListPage>();

        page.WaitForAssertion(() => Assert.Equal("The request is not valid.", page.Find(".problem-title").TextContent));
        Assert.Equal("language: Unknown language.", page.Find(".problem-fields li").TextContent);
    }

    private static string Page(string? nextCursor, int total, params string[] pocs) =>
        $$"""{"items":[{{string.Join(',', pocs)}}],"nextCursor":{{(nextCursor is null ? "null" : $"\"{nextCursor}\"")}},"total":{{total}},"totalIsExact":true}""";

    private static string Poc(string name, string? language, string? languageName, string status, params string[] tags) =>
        $$"""
        {"id":"{{Guid.NewGuid()}}","name":"{{name}}","description":"About {{name}}.","language":{{Json(language)}},"languageDisplayName":{{Json(languageName)}},
         "tags":[{{string.Join(',', tags.Select(t => $"\"{t}\""))}}],"repositoryUrl":null,"status":"{{status}}","startedOn":"2026-01-05","finishedOn":null,
         "notes":null,"visibility":"tenant","ownerId":"{{Guid.NewGuid()}}","version":1,"createdAt":"2026-01-05T10:00:00Z","updatedAt":"2026-02-01T10:00:00Z"}
        """;

    private static string Json(string? text) => text is null ? "null" : $"\"{text}\"";

    /// <summary>Answers each path with the JSON last given for it, and logs every path and query asked.</summary>
    private sealed class ApiAnswers : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, (string Body, HttpStatusCode Status, string MediaType)> answers = new();
        private readonly ConcurrentQueue<string> asked = new();

        public IReadOnlyList<string> Asked => [.. asked];

        public void Answer(string path, string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
            answers[path] = (json, status, mediaType);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            asked.Enqueue(request.RequestUri!.PathAndQuery);
            var (body, status, mediaType) = answers.TryGetValue(request.RequestUri.AbsolutePath, out var answer)
                ? answer
                : ("""{"title":"Not found.","status":404}""", HttpStatusCode.NotFound, "application/problem+json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }
}
