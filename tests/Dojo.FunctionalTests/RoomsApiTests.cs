using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PocTracker.Contracts.Dojo;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

public sealed class RoomsApiTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_forced_and_policed()
    {
        var tables = await RowLevelSecurityCatalogue.ReadAsync(fixture.Host.Database, TestContext.Current.CancellationToken);

        Assert.Contains(tables, t => t.Name == "rooms");
        Assert.Contains(tables, t => t.Name == "room_operations");
        Assert.Contains(tables, t => t.Name == "room_snapshots");
        Assert.All(tables, table => Assert.True(table.Isolated, table.ToString()));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_answers_201_with_the_room_and_the_tenant_lists_it_until_the_creator_closes_it()
    {
        var owner = TestUser.NewTenantOwner();
        using var client = fixture.Host.ClientFor(owner);
        var pocId = Guid.NewGuid();

        using var created = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("  Bowling kata ", "csharp", pocId), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var room = (await created.Content.ReadFromJsonAsync<RoomDto>(Cancel))!;
        Assert.Equal($"/api/dojo/rooms/{room.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("Bowling kata", "csharp", pocId, owner.UserId, (DateTimeOffset?)null), (room.Name, room.Language, room.PocId, room.CreatedBy, room.ClosedAt));

        using var colleague = fixture.Host.ClientFor(owner.Colleague());
        Assert.Contains(await colleague.GetFromJsonAsync<List<RoomDto>>("/api/dojo/rooms", Cancel) ?? [], r => r.Id == room.Id);

        using var close = await client.PostAsync($"/api/dojo/rooms/{room.Id}/close", null, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
        Assert.DoesNotContain(await colleague.GetFromJsonAsync<List<RoomDto>>("/api/dojo/rooms", Cancel) ?? [], r => r.Id == room.Id);
        Assert.NotNull((await client.GetFromJsonAsync<RoomDto>($"/api/dojo/rooms/{room.Id}", Cancel))!.ClosedAt);
    }

    [Fact]
    public async Task Only_the_creator_closes_a_room_and_another_tenant_does_not_find_it()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await fixture.Host.CreateRoomAsync(owner);

        using var colleague = fixture.Host.ClientFor(owner.Colleague("admin"));
        using var forbidden = await colleague.PostAsync($"/api/dojo/rooms/{roomId}/close", null, Cancel);
        await AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");

        using var stranger = fixture.Host.ClientFor(TestUser.NewTenantOwner());
        using var notFound = await stranger.PostAsync($"/api/dojo/rooms/{roomId}/close", null, Cancel);
        await AssertProblemAsync(notFound, HttpStatusCode.NotFound, "not-found");
        using var read = await stranger.GetAsync($"/api/dojo/rooms/{roomId}", Cancel);
        await AssertProblemAsync(read, HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(await stranger.GetFromJsonAsync<List<RoomDto>>("/api/dojo/rooms", Cancel) ?? [], r => r.Id == roomId);
    }

    [Theory]
    [InlineData("""{"language":"csharp"}""", "name")]
    [InlineData("""{"name":"  ","language":"csharp"}""", "name")]
    [InlineData("""{"name":"Kata"}""", "language")]
    [InlineData("""{"name":"Kata","language":"C Sharp!"}""", "language")]
    [InlineData("""{"name":"Kata","language":"csharp","pocId":"00000000-0000-0000-0000-000000000000"}""", "pocId")]
    public async Task Invalid_bodies_answer_a_validation_problem_naming_the_field(string body, string field)
    {
        using var client = fixture.Host.ClientFor(TestUser.NewTenantOwner());
        using var response = await client.PostAsync("/api/dojo/rooms", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Malformed_json_answers_a_problem_not_a_500()
    {
        using var client = fixture.Host.ClientFor(TestUser.NewTenantOwner());
        using var response = await client.PostAsync("/api/dojo/rooms", new StringContent("""{"name": 5""", Encoding.UTF8, "application/json"), Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task A_token_for_another_app_or_no_token_is_refused()
    {
        var user = TestUser.NewTenantOwner();
        using var pocsToken = fixture.Host.ClientFor(user, TestTokens.For(user, audience: "pocs"));
        using var wrongAudience = await pocsToken.GetAsync("/api/dojo/rooms", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);

        using var anonymous = fixture.Host.CreateClient();
        using var noToken = await anonymous.GetAsync("/api/dojo/rooms", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task The_access_token_in_the_query_string_counts_only_on_the_hub_path()
    {
        var user = TestUser.NewTenantOwner();
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync("/api/dojo/rooms?access_token=" + DojoHost.TokenFor(user), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
