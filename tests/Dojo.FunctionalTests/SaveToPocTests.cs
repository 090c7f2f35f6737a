using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Dojo.Ot;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

public sealed class SaveToPocTests(SaveToPocFixture fixture) : IClassFixture<SaveToPocFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DojoHost Host => fixture.Dojo;

    [Fact]
    public async Task The_rooms_acknowledged_document_becomes_a_code_note_on_its_poc()
    {
        var owner = TestUser.NewTenantOwner();
        var pocId = await fixture.Pocs.CreateAsync(owner);
        var roomId = await Host.CreateRoomAsync(owner, "Kata do boliche", pocId);
        await using (var typist = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner), roomId, "typist"))
        {
            typist.Session.Apply(TextOperation.Splice(0, 0, 0, "class Boliche\n{\n}\n"));
            typist.Session.Apply(TextOperation.Splice(18, 16, 0, "    // olá 😀\n"));
            await typist.WaitUntilAsync(s => s.IsSynchronized);
        }

        using var client = ClientFor(owner);
        using var response = await client.PostAsync($"/api/dojo/rooms/{roomId}/save-to-poc", null, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        var note = (await response.Content.ReadFromJsonAsync<CodeNoteDto>(Cancel))!;
        Assert.Equal($"/api/pocs/{pocId}/code-notes/{note.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Kata do boliche", "csharp", "class Boliche\n{\n    // olá 😀\n}\n", $"dojo:rooms/{roomId}@2"),
            (note.Title, note.Language, note.Content, note.Source));
        var stored = await fixture.Pocs.GetNoteAsync(owner, pocId, note.Id); // really in the pocs app
        Assert.Equal(note.Content, stored.Content);
    }

    [Fact]
    public async Task A_room_without_a_poc_is_a_409_problem_and_a_missing_room_a_404()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        using var client = ClientFor(owner);

        await AssertProblemAsync(await client.PostAsync($"/api/dojo/rooms/{roomId}/save-to-poc", null, Cancel), HttpStatusCode.Conflict, "room-without-poc");
        await AssertProblemAsync(await client.PostAsync($"/api/dojo/rooms/{Guid.NewGuid()}/save-to-poc", null, Cancel), HttpStatusCode.NotFound, "not-found");
        using var stranger = ClientFor(TestUser.NewTenantOwner());
        await AssertProblemAsync(await stranger.PostAsync($"/api/dojo/rooms/{roomId}/save-to-poc", null, Cancel), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_deleted_or_invisible_poc_is_a_404_and_a_poc_the_caller_may_not_change_a_403()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        var colleague = owner.Colleague();

        var deleted = await fixture.Pocs.CreateAsync(member);
        var deletedRoom = await Host.CreateRoomAsync(member, pocId: deleted);
        await fixture.Pocs.DeleteAsync(member, deleted);
        using var memberClient = ClientFor(member);
        await AssertProblemAsync(await memberClient.PostAsync($"/api/dojo/rooms/{deletedRoom}/save-to-poc", null, Cancel), HttpStatusCode.NotFound, "not-found");

        var privatePoc = await fixture.Pocs.CreateAsync(member, visibility: "private");
        var othersPoc = await fixture.Pocs.CreateAsync(member);
        var privateRoom = await Host.CreateRoomAsync(colleague, pocId: privatePoc);
        var othersRoom = await Host.CreateRoomAsync(colleague, pocId: othersPoc);
        using var colleagueClient = ClientFor(colleague);
        await AssertProblemAsync(await colleagueClient.PostAsync($"/api/dojo/rooms/{privateRoom}/save-to-poc", null, Cancel), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await colleagueClient.PostAsync($"/api/dojo/rooms/{othersRoom}/save-to-poc", null, Cancel), HttpStatusCode.Forbidden, "forbidden");

        // A token for the dojo alone cannot write to the pocs app: refused, not a 500 and not a 401.
        using var dojoOnly = Host.ClientFor(member);
        var ownRoom = await Host.CreateRoomAsync(member, pocId: othersPoc);
        await AssertProblemAsync(await dojoOnly.PostAsync($"/api/dojo/rooms/{ownRoom}/save-to-poc", null, Cancel), HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(await fixture.Pocs.ListNotesAsync(member, othersPoc));
    }

    /// <summary>A client with a token for the dojo and the pocs APIs, as the apps' clients ask for.</summary>
    private HttpClient ClientFor(TestUser user) =>
        Host.ClientFor(user, TestTokens.For(user, audiences: [DojoModule.AppId, PocsModule.AppId]));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }
    }
}

/// <summary>A real pocs app on a loopback port and a dojo host that reaches it over HTTP, as in production without Dapr.</summary>
public sealed class SaveToPocFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    public PocsServer Pocs { get; } = new(postgres);

    public DojoHost Dojo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Pocs.InitializeAsync();
        Dojo = new DojoHost(await postgres.NewDatabaseAsync("dojo"), pocsAddress: Pocs.Address);
        _ = Dojo.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Dojo.DisposeAsync();
        await Pocs.DisposeAsync();
    }
}

/// <summary>The pocs app as its Program builds it, listening on a real loopback port (Kestrel), over a database of its own.</summary>
public sealed class PocsServer(PostgresServerFixture postgres) : WebApplicationFactory<PocsEntryPoint>
{
    private AppDatabaseConnections database = null!;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        database = await postgres.NewDatabaseAsync("pocs");
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task<Guid> CreateAsync(TestUser user, string visibility = "tenant")
    {
        using var client = ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/pocs", new PocWriteRequest { Name = "Dojo kata", Visibility = visibility }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PocDto>(TestContext.Current.CancellationToken))!.Id;
    }

    public async Task DeleteAsync(TestUser user, Guid pocId)
    {
        using var client = ClientFor(user);
        (await client.DeleteAsync($"/api/pocs/{pocId}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task<CodeNoteDto> GetNoteAsync(TestUser user, Guid pocId, Guid noteId)
    {
        using var client = ClientFor(user);
        return (await client.GetFromJsonAsync<CodeNoteDto>($"/api/pocs/{pocId}/code-notes/{noteId}", TestContext.Current.CancellationToken))!;
    }

    public async Task<List<CodeNoteDto>> ListNotesAsync(TestUser user, Guid pocId)
    {
        using var client = ClientFor(user);
        return (await client.GetFromJsonAsync<List<CodeNoteDto>>($"/api/pocs/{pocId}/code-notes", TestContext.Current.CancellationToken))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseTestDatabase(PocsModule.AppId, database).TrustTestTokens(PocsModule.AppId);

    private HttpClient ClientFor(TestUser user)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user, audience: PocsModule.AppId));
        return client;
    }
}
