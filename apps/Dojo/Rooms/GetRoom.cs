using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Dojo;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.Rooms;

internal static class GetRoom
{
    public static void MapGetRoom(this IEndpointRouteBuilder api) => api
        .MapGet("/{id:guid}", HandleAsync)
        .WithName("GetRoom")
        .WithSummary("Read a dojo room")
        .WithDescription("A room of the caller's tenant, open or closed (404 for any other).");

    private static async Task<Results<Ok<RoomDto>, ProblemHttpResult>> HandleAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(DojoModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        var row = await database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<RoomRow>(tx.Command(
            $"select {RoomRow.Columns} from rooms where tenant_id = @TenantId and id = @Id", new { user.TenantId, Id = id })), cancellationToken);
        return row is null ? Problems.NotFound("There is no such room.") : TypedResults.Ok(row.ToDto());
    }
}
