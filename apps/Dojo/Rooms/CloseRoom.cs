using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Dojo.RoomHost;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.Rooms;

internal static class CloseRoom
{
    public static void MapCloseRoom(this IEndpointRouteBuilder api) => api
        .MapPost("/{id:guid}/close", HandleAsync)
        .WithName("CloseRoom")
        .WithSummary("Close a dojo room")
        .WithDescription("Closes a room: it leaves the list and accepts no more operations. Only its creator may close it (403); closing twice is fine.");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(DojoModule.AppId)] TenantDatabase database,
        IRoomHost rooms,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var outcome = await database.InTenantTransactionAsync<Results<NoContent, ProblemHttpResult>>(user, async tx =>
        {
            var createdBy = await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(tx.Command(
                "select created_by from rooms where tenant_id = @TenantId and id = @Id for update", new { user.TenantId, Id = id }));
            if (createdBy is null)
            {
                return Problems.NotFound("There is no such room.");
            }

            if (createdBy != user.UserId)
            {
                return Problems.Forbidden("Only the room's creator may close it.");
            }

            await tx.Connection.ExecuteAsync(tx.Command(
                "update rooms set closed_at = coalesce(closed_at, @Now) where tenant_id = @TenantId and id = @Id",
                new { user.TenantId, Id = id, Now = time.GetUtcNow() }));
            return TypedResults.NoContent();
        }, cancellationToken);

        if (outcome.Result is NoContent)
        {
            await rooms.ClosedAsync(user, id, cancellationToken);
        }

        return outcome;
    }
}
