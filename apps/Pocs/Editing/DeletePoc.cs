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
            var current = await tx.Connection.QuerySingleOrDefaultAsync<PocRow>(tx.Command(
                $"select {PocRow.Columns} from pocs where id = @Id and {PocAccess.VisibleSql} for update",
                new DynamicParameters(PocAccess.Parameters(user)).With("Id", id)));
            if (current is null)
            {
                return Problems.NotFound($"There is no POC {id}.");
            }

            if (!PocAccess.CanChange(user, current.OwnerId))
            {
                return Problems.Forbidden("Only the POC's owner or a tenant admin can delete it.");
            }

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
