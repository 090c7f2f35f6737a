using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PocTracker.Contracts.Dojo;
using PocTracker.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>The pocs app has hung: saving a room to its POC is a 503 once the call's timeout runs out, and the POST is sent once (it may have been done).</summary>
public sealed class SilentPocsTests(SilentPocsFixture fixture) : IClassFixture<SilentPocsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_to_a_poc_is_a_503_when_the_pocs_app_does_not_answer_and_the_post_is_not_repeated()
    {
        var owner = TestUser.NewTenantOwner();
        using var client = fixture.Dojo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(owner, audiences: [DojoModule.AppId, PocsModule.AppId]));
        using var created = await client.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("Kata", "csharp", Guid.NewGuid()), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roomId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var response = await client.PostAsync($"/api/dojo/rooms/{roomId}/save-to-poc", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("service-unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(1, fixture.Silent.Requests);
    }
}

/// <summary>A dojo host whose pocs app is a <see cref="SilentApp"/>, with a 1 s timeout per try.</summary>
public sealed class SilentPocsFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    private DojoHost host = null!;

    public SilentApp Silent { get; } = new();

    public WebApplicationFactory<DojoEntryPoint> Dojo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        host = new DojoHost(await postgres.NewDatabaseAsync("dojo"), pocsAddress: Silent.Address);
        Dojo = host.WithWebHostBuilder(builder => builder
            .UseSetting("Invocation:pocs:Timeouts:Attempt", "00:00:01")
            .UseSetting("Invocation:pocs:Timeouts:Total", "00:00:03"));
    }

    public async ValueTask DisposeAsync()
    {
        await Dojo.DisposeAsync();
        await host.DisposeAsync();
        await Silent.DisposeAsync();
    }
}
