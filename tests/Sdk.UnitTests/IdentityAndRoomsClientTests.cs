using System.Net;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.Rooms;

namespace PocTracker.Sdk.UnitTests;

/// <summary>The identity and rooms clients: the wire names they read and send, and refusals as problems.</summary>
public sealed class IdentityAndRoomsClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Who_am_i_reads_the_userinfo_claims()
    {
        var account = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.OK,
            $$"""{"sub":"{{account}}","tenant_id":"{{tenant}}","role":"member","name":"Bruno","tenant_name":"Demo","email":"bruno@demo.example"}""", "application/json"));

        var me = await new IdentityClient(server.Client()).GetMeAsync(Cancel);

        Assert.Equal((account, tenant.ToString(), "member", "Bruno"), (me.AccountId, me.TenantId, me.Role, me.Name));
        Assert.Equal(("Demo", "bruno@demo.example"), (me.TenantName, me.Email));
        Assert.Equal("/connect/userinfo", Assert.Single(server.Requests).RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Account_deletion_sends_the_password_and_a_refusal_is_the_servers_problem()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.Conflict,
            """{"type":"https://poctracker.dev/problems/last-owner","code":"last-owner","status":409,"title":"Last owner."}""", "application/problem+json"));

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => new IdentityClient(server.Client()).DeleteMyAccountAsync("s3cret", Cancel));

        Assert.Equal((HttpStatusCode.Conflict, "last-owner"), (refused.Status, refused.Code));
        Assert.Equal((HttpMethod.Post, "/api/identity/me/delete"), (server.Requests[0].Method, server.Requests[0].RequestUri!.AbsolutePath));
        Assert.Equal("""{"password":"s3cret"}""", server.Bodies[0]);
    }

    [Fact]
    public async Task Sign_up_sends_the_form_in_the_apis_names()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.Created,
            $$"""{"tenantId":"{{Guid.Empty}}","slug":"acme","accountId":"{{Guid.Empty}}"}""", "application/json"));

        var created = await new IdentityClient(server.Client()).SignUpTenantAsync(new TenantSignUpRequest("Acme", "acme", "a@acme.test", "pw", "Ana"), Cancel);

        Assert.Equal("acme", created.Slug);
        Assert.Equal("/api/identity/tenants", server.Requests[0].RequestUri!.AbsolutePath);
        Assert.Equal("""{"tenantName":"Acme","slug":"acme","email":"a@acme.test","password":"pw","displayName":"Ana"}""", server.Bodies[0]);
    }

    [Fact]
    public async Task A_room_of_another_organisation_is_a_not_found_problem_and_save_to_poc_posts_to_the_room()
    {
        var server = new ScriptedServer(request => request.Method == HttpMethod.Get
            ? ScriptedServer.Answer(HttpStatusCode.NotFound, """{"type":"https://poctracker.dev/problems/not-found","code":"not-found","status":404}""", "application/problem+json")
            : ScriptedServer.Answer(HttpStatusCode.Conflict, """{"code":"room-without-poc","status":409}""", "application/problem+json"));
        var rooms = new DojoRoomsClient(server.Client());
        var id = Guid.NewGuid();

        var missing = await Assert.ThrowsAsync<PocTrackerProblemException>(() => rooms.GetAsync(id, Cancel));
        var withoutPoc = await Assert.ThrowsAsync<PocTrackerProblemException>(() => rooms.SaveToPocAsync(id, Cancel));

        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (missing.Status, missing.Code));
        Assert.Equal("room-without-poc", withoutPoc.Code);
        Assert.Equal($"/api/dojo/rooms/{id}/save-to-poc", server.Requests[1].RequestUri!.AbsolutePath);
    }
}
