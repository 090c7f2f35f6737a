using Dapper;
using PocTracker.Contracts.Dojo;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.Rooms;

internal static class ListRooms
{
    /// <summary>A tenant has a handful of open rooms; the cap only bounds a runaway client.</summary>
    private const int MaxRooms = 500;

    public static void MapListRooms(this IEndpointRouteBuilder api) => api
        .MapGet("/", HandleAsync)
        .WithName("ListRooms")
        .WithSummary("List the open dojo rooms")
        .WithDescription($"The open rooms of the caller's tenant, newest first (at most {MaxRooms}).");

    private static async Task<IReadOnlyList<RoomDto>> HandleAsync(
        TenantUser user,
        [FromKeyedServices(DojoModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        var rows = await database.InTenantTransactionAsync(user, tx => tx.Connection.QueryAsync<RoomRow>(tx.Command(
            $"""
            select {RoomRow.Columns} from rooms
            where tenant_id = @TenantId and closed_at is null
            order by created_at desc, id desc limit {MaxRooms}
            """, new { user.TenantId })), cancellationToken);
        return [.. rows.Select(row => row.ToDto())];
    }
}
