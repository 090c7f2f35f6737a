using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Events;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>LGPD: when a person deletes their account, the pocs app erases what was theirs alone and hands over what they shared.</summary>
public sealed class UserDeletedTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task Private_pocs_are_deleted_and_shared_ones_pass_to_the_successor_idempotently()
    {
        var owner = TestUser.NewTenantOwner();
        var leaving = owner.Colleague();
        var colleague = owner.Colleague();
        var leavingClient = api.ClientFor(leaving);
        var secret = await leavingClient.CreatePocAsync("Só meu", visibility: "private");
        var shared = await leavingClient.CreatePocAsync("Para o time", visibility: "tenant");
        var others = await api.ClientFor(colleague).CreatePocAsync("Do colega", visibility: "private");
        var otherTenant = TestUser.NewTenantOwner();
        var elsewhere = await api.ClientFor(otherTenant).CreatePocAsync("Outro tenant");

        var deletion = new UserDeletedIntegrationEvent(leaving.UserId, owner.UserId) { TenantId = owner.TenantId };
        var bus = api.Services.GetRequiredService<IEventBus>();
        await bus.PublishAsync(deletion, CancellationToken.None);
        await bus.PublishAsync(deletion, CancellationToken.None); // redelivery

        var ownerClient = api.ClientFor(owner);
        using var gone = await ownerClient.GetAsync($"/api/pocs/{secret.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var handedOver = await ownerClient.GetFromJsonAsync<PocDto>($"/api/pocs/{shared.Id}");
        Assert.Equal((owner.UserId, 2), (handedOver!.OwnerId, handedOver.Version));
        Assert.Equal(colleague.UserId, (await ownerClient.GetFromJsonAsync<PocDto>($"/api/pocs/{others.Id}"))!.OwnerId);
        Assert.Equal(otherTenant.UserId, (await api.ClientFor(otherTenant).GetFromJsonAsync<PocDto>($"/api/pocs/{elsewhere.Id}"))!.OwnerId);

        await api.Events.WaitForAsync<PocDeletedIntegrationEvent>(e => e.PocId == secret.Id);
        await api.Events.WaitForAsync<PocUpdatedIntegrationEvent>(e => e.PocId == shared.Id && e.OwnerId == owner.UserId);
        Assert.Single(api.Events.All.OfType<PocDeletedIntegrationEvent>(), e => e.PocId == secret.Id);
    }
}
