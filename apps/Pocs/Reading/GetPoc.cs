using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Reading;

internal static class GetPoc
{
    public static void MapGetPoc(this IEndpointRouteBuilder api) => api
        .MapGet("/{id:guid}", HandleAsync)
        .WithName("GetPoc")
        .WithSummary("Read a POC")
        .WithDescription("Answers the POC with its ETag; 404 when it does not exist or the caller may not see it.");

    private static async Task<Results<Ok<PocDto>, ProblemHttpResult>> HandleAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var row = await database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<PocRow>(tx.Command(
            $"select {PocRow.Columns} from pocs where id = @Id and {PocAccess.VisibleSql}",
            new DynamicParameters(PocAccess.Parameters(user)).With("Id", id))), cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"There is no POC {id}.");
        }

        response.Headers.ETag = PocETag.Of(row.Version);
        return TypedResults.Ok(row.ToDto());
    }
}
