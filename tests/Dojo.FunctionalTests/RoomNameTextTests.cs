using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PocTracker.Contracts.Dojo;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>A room's name follows the shared input-text rule (Contracts/Text/InputText) and must show something.</summary>
public sealed class RoomNameTextTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"name":"Kata \uFFFE","language":"csharp"}""")]         // a noncharacter
    [InlineData("""{"name":"Kata \uD83F\uDFFF","language":"csharp"}""")]   // U+1FFFF, the end of plane 1
    [InlineData("""{"name":"Kata \uFDD0","language":"csharp"}""")]
    [InlineData("""{"name":"\u200B\u2060\uFEFF","language":"csharp"}""")]  // nothing visible
    public async Task A_name_unfit_for_interchange_or_invisible_is_a_400_on_name_and_creates_no_room(string body)
    {
        var owner = TestUser.NewTenantOwner();
        using var client = fixture.Host.ClientFor(owner);

        using var response = await client.PostAsync("/api/dojo/rooms", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.Equal(["name"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(await client.GetFromJsonAsync<List<RoomDto>>("/api/dojo/rooms", Cancel) ?? []);
    }
}
