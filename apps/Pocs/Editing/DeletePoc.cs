using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Editing;

internal static class DeletePoc
{
    public static void MapDeletePoc(this IEndpointRouteBuilder api) => api
        .MapDelete("/{id:guid}", HandleAsync)
        .WithName("DeletePoc")
        .WithSummary("Delete a POC")
        .WithDescription("Deletes a POC. With If-Match, only the version you read is deleted (412 otherwise).");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        PocsMetrics metrics,
        HttpRequest httpRequest,
        CancellationToken cancellationToken)
    {
        var ifMatch = httpRequest.Headers.IfMatch;
        var outcome = await database.InTenantTransactionAsync<Results<NoContent, ProblemHttpResult>>(user, async tx =>
        {
            var locked = await PocWriteLock.AcquireAsync(tx, id);
            if (!locked.Acquired)
            {
                return locked.Refusal;
            }

            var current = locked.Current;
            if (ifMatch.Count > 0 && !PocETag.Matches(ifMatch, current.Version))
            {
                return Problems.PreconditionFailed($"The POC is at version {current.Version}; read it again before deleting.");
            }

            await tx.Connection.ExecuteAsync(tx.Command("delete from pocs where tenant_id = @TenantId and id = @Id", new { user.TenantId, Id = id }));
            await tx.PublishAfterCommitAsync(new PocDeletedIntegrationEvent(current.Id, current.OwnerId));
            return TypedResults.NoContent();
        }, cancellationToken);

        if (outcome.Result is NoContent)
        {
            metrics.Written("delete");
        }

        return outcome;
    }
}
