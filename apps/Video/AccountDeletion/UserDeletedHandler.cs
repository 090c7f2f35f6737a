using Dapper;
using PocTracker.Contracts.Identity;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Video.AccountDeletion;

/// <summary>
/// When a person deletes their account (LGPD), their videos go: the rows first, then the films in
/// object storage. A video still in the making finds its row gone when it completes and removes its
/// own film (<c>CompleteVideoActivity</c>). Running it twice changes nothing the second time.
/// </summary>
internal sealed class UserDeletedHandler([FromKeyedServices(VideoModule.AppId)] TenantDatabase database, IObjectStorage storage)
    : IIntegrationEventHandler<UserDeletedIntegrationEvent>
{
    public async Task HandleAsync(UserDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var leaving = new TenantUser(integrationEvent.TenantId, integrationEvent.UserId, new HashSet<string>());
        var films = await database.InTenantTransactionAsync(leaving, async tx => (await tx.Connection.QueryAsync<string?>(tx.Command(
            "delete from video_jobs where tenant_id = @TenantId and user_id = @UserId returning object_key",
            new { integrationEvent.TenantId, integrationEvent.UserId }))).OfType<string>().ToList(), cancellationToken);
        foreach (var key in films)
        {
            await storage.DeleteAsync(key, cancellationToken);
        }
    }
}
