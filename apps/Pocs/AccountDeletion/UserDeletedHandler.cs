using Dapper;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.AccountDeletion;

/// <summary>
/// When a person deletes their account, their private POCs are deleted and the POCs they shared
/// with the tenant are handed to the tenant's owner, so the team keeps its history. Each change
/// publishes the usual POC event. Their GitHub import jobs (what they imported from whom, seen by them alone) are
/// deleted; the POCs those jobs created are handled like any other of theirs. Running it twice changes nothing the
/// second time.
/// </summary>
internal sealed class UserDeletedHandler([FromKeyedServices(PocsModule.AppId)] TenantDatabase database, TimeProvider time)
    : IIntegrationEventHandler<UserDeletedIntegrationEvent>
{
    public Task HandleAsync(UserDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var successor = new TenantUser(integrationEvent.TenantId, integrationEvent.SuccessorId, new HashSet<string> { TenantClaims.Roles.Owner });
        return database.InTenantTransactionAsync(successor, async tx =>
        {
            var parameters = new { integrationEvent.TenantId, integrationEvent.UserId, integrationEvent.SuccessorId, Now = time.GetUtcNow() };
            var deleted = await tx.Connection.QueryAsync<Guid>(tx.Command(
                "delete from pocs where tenant_id = @TenantId and owner_id = @UserId and visibility = 'private' returning id", parameters));
            foreach (var id in deleted)
            {
                await tx.PublishAfterCommitAsync(new PocDeletedIntegrationEvent(id, integrationEvent.UserId));
            }

            var handedOver = await tx.Connection.QueryAsync<(Guid Id, string Name, string? Language, string[] Tags, string Status, int Version)>(tx.Command(
                """
                update pocs set owner_id = @SuccessorId, version = version + 1, updated_at = @Now
                where tenant_id = @TenantId and owner_id = @UserId
                returning id, name, language, tags, status, version
                """, parameters));
            foreach (var poc in handedOver)
            {
                await tx.PublishAfterCommitAsync(new PocUpdatedIntegrationEvent(poc.Id, integrationEvent.SuccessorId, poc.Name, poc.Language, poc.Tags, poc.Status, poc.Version));
            }

            await tx.Connection.ExecuteAsync(tx.Command(
                "delete from github_import_jobs where tenant_id = @TenantId and created_by = @UserId", parameters));
            return 0;
        }, cancellationToken);
    }
}
