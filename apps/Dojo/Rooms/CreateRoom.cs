using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Dojo;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.Rooms;

internal static class CreateRoom
{
    public static void MapCreateRoom(this IEndpointRouteBuilder api) => api
        .MapPost("/", HandleAsync)
        .WithName("CreateRoom")
        .WithSummary("Open a dojo room")
        .WithDescription("Opens a room with an empty document, created by the caller. Answers 201 with the room; join it on the hub with its id.");

    private static async Task<Results<Created<RoomDto>, ValidationProblem>> HandleAsync(
        CreateRoomRequest request,
        TenantUser user,
        [FromKeyedServices(DojoModule.AppId)] TenantDatabase database,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = await new CreateRoomRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Validation(validation);
        }

        var now = time.GetUtcNow();
        var room = await database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleAsync<RoomRow>(tx.Command(
            $"""
            insert into rooms (tenant_id, id, name, language, poc_id, created_by, created_at)
            values (@TenantId, @Id, @Name, @Language, @PocId, @CreatedBy, @Now)
            returning {RoomRow.Columns}
            """,
            new
            {
                user.TenantId, Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), Language = request.Language!.Trim(),
                request.PocId, CreatedBy = user.UserId, Now = now,
            })), cancellationToken);
        return TypedResults.Created($"/api/dojo/rooms/{room.Id}", room.ToDto());
    }
}
