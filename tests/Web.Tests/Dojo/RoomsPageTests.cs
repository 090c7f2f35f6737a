using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Rooms;
using PocTracker.Sdk.SignIn;
using PocTracker.Web.Dojo;
using PocTracker.Web.SignIn;

namespace PocTracker.Web.Tests.Dojo;

/// <summary>The rooms page against scripted API answers: its list, empty and failing states, a refused room, closing.</summary>
public sealed class RoomsPageTests : WebTestContext
{
    private static readonly Guid Me = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Someone = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly Guid MyRoom = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid TheirRoom = Guid.Parse("22222222-2222-2222-2222-222222222222");

    private readonly ScriptedApi api = new();

    [Fact]
    public async Task Open_rooms_are_listed_with_their_language_and_only_the_creator_may_close_one()
    {
        api.Rooms = $"[{Room(MyRoom, "Parser kata", "csharp", Me)},{Room(TheirRoom, "SQL golf", "sql", Someone)}]";
        await SignedInAsync();

        var page = Render<RoomsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".card").Count));
        Assert.Equal(["Parser kata", "SQL golf"], page.FindAll(".card-title a").Select(a => a.TextContent));
        Assert.Equal($"dojo/{MyRoom}", page.Find(".card-title a").GetAttribute("href"));
        Assert.Contains("C#", page.FindAll(".card")[0].TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll(".card")[0].QuerySelectorAll("button"));
        Assert.Empty(page.FindAll(".card")[1].QuerySelectorAll("button"));
        Assert.Equal("2 open", page.Find(".count").TextContent);
    }

    [Fact]
    public async Task No_rooms_says_so_and_how_to_start()
    {
        api.Rooms = "[]";
        await SignedInAsync();

        var page = Render<RoomsPage>();

        page.WaitForAssertion(() => Assert.Equal("No open rooms", page.Find(".empty-title").TextContent));
    }

    [Fact]
    public async Task A_list_that_fails_shows_the_problem()
    {
        api.RoomsStatus = HttpStatusCode.ServiceUnavailable;
        api.Rooms = """{"type":"https://poctracker.dev/problems/unavailable","title":"The dojo is not available.","status":503,"detail":"Try again in a moment."}""";
        await SignedInAsync();

        var page = Render<RoomsPage>();

        page.WaitForAssertion(() => Assert.Equal("The dojo is not available.", page.Find(".problem-title").TextContent));
        Assert.Equal("Try again in a moment.", page.Find(".problem-detail").TextContent);
        Assert.Empty(page.FindAll(".card"));
    }

    [Fact]
    public async Task A_refused_room_shows_the_fields_error_at_its_input()
    {
        api.Rooms = "[]";
        await SignedInAsync();
        var page = Render<RoomsPage>();
        page.WaitForAssertion(() => page.Find(".empty"));

        page.Find("button.primary").Click();
        page.Find("#room-name").Change("   ");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Name must hold something visible.", page.Find("#room-name-error").TextContent));
        Assert.Equal("true", page.Find("#room-name").GetAttribute("aria-invalid"));
        Assert.Equal("The request is not valid.", page.Find(".room-form .problem-title").TextContent);
        Assert.Contains("\"name\":\"   \"", api.CreatedBodies.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_room_asks_the_api_and_lists_the_rooms_again()
    {
        api.Rooms = $"[{Room(MyRoom, "Parser kata", "csharp", Me)}]";
        await SignedInAsync();
        var page = Render<RoomsPage>();
        page.WaitForAssertion(() => page.Find(".card button"));

        api.Rooms = "[]";
        page.Find(".card button").Click();

        page.WaitForAssertion(() => Assert.Equal("No open rooms", page.Find(".empty-title").TextContent));
        Assert.Equal([$"POST /api/dojo/rooms/{MyRoom}/close"], api.Closed);
    }

    private async Task SignedInAsync()
    {
        var http = new HttpClient(api) { BaseAddress = new Uri("https://poctracker.test/") };
        var store = new InMemoryTokenStore();
        await store.WriteAsync(new TokenSet("token", null, DateTimeOffset.UtcNow.AddHours(1), null, "dojo pocs"), CancellationToken.None);
        var signedIn = new SignedInState(new TokenSession(new SignInClient(http), "poctracker-web", store), new IdentityClient(http));
        Assert.True(await signedIn.LoadAsync(CancellationToken.None));
        Services.AddSingleton(signedIn);
        Services.AddSingleton(new DojoRoomsClient(http));
        Services.AddSingleton(new PocsClient(http));
    }

    private static string Room(Guid id, string name, string language, Guid createdBy) =>
        $$"""{"id":"{{id}}","name":"{{name}}","language":"{{language}}","pocId":null,"createdBy":"{{createdBy}}","createdAt":"2026-12-01T10:00:00+00:00","closedAt":null}""";

    /// <summary>The APIs the page calls, answered from what each test sets.</summary>
    private sealed class ScriptedApi : HttpMessageHandler
    {
        public string Rooms { get; set; } = "[]";

        public HttpStatusCode RoomsStatus { get; set; } = HttpStatusCode.OK;

        public List<string> Closed { get; } = [];

        public List<string> CreatedBodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/connect/userinfo")
            {
                return Json(HttpStatusCode.OK, $$"""{"sub":"{{Me}}","tenant_id":"{{Guid.Empty}}","role":"member","name":"Ana"}""");
            }

            if (path == "/api/pocs")
            {
                return Json(HttpStatusCode.OK, """{"items":[],"nextCursor":null,"total":0,"totalIsExact":true}""");
            }

            if (path == "/api/dojo/rooms" && request.Method == HttpMethod.Get)
            {
                return Json(RoomsStatus, Rooms, RoomsStatus == HttpStatusCode.OK ? "application/json" : "application/problem+json");
            }

            if (path == "/api/dojo/rooms" && request.Method == HttpMethod.Post)
            {
                CreatedBodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return Json(HttpStatusCode.BadRequest,
                    """{"type":"https://poctracker.dev/problems/validation-failed","title":"The request is not valid.","status":400,"errors":{"name":["Name must hold something visible."]}}""",
                    "application/problem+json");
            }

            if (path.EndsWith("/close", StringComparison.Ordinal))
            {
                Closed.Add($"{request.Method} {path}");
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
