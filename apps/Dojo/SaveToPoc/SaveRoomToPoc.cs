using System.Net;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Dojo.RoomHost;
using PocTracker.Dojo.Rooms;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.SaveToPoc;

/// <summary>
/// <c>POST /api/dojo/rooms/{id}/save-to-poc</c>: the room's document as a code note on the POC the
/// room is linked to. The document is the room host's (the in-process room, or the room's actor
/// under Dapr): every acknowledged edit, and nothing that was not acknowledged.
/// </summary>
internal static class SaveRoomToPoc
{
    public const string RoomWithoutPocType = "https://poctracker.dev/problems/room-without-poc";

    public static void MapSaveRoomToPoc(this IEndpointRouteBuilder api) => api
        .MapPost("/{id:guid}/save-to-poc", HandleAsync)
        .WithName("SaveRoomToPoc")
        .WithSummary("Save a room's document to its POC")
        .WithDescription("Stores the room's current document as a code note on the POC the room is linked to (through the pocs API, as the caller). " +
                         "201 with the note; 404 for no such room, or a POC that is gone or not visible to you; 409 (room-without-poc) when the room has no POC; " +
                         "403 when you may not change that POC.");

    private static async Task<Results<Created<CodeNoteDto>, ProblemHttpResult>> HandleAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(DojoModule.AppId)] TenantDatabase database,
        IRoomHost rooms,
        PocsClient pocs,
        CancellationToken cancellationToken)
    {
        var room = await database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<RoomRow>(tx.Command(
            $"select {RoomRow.Columns} from rooms where tenant_id = @TenantId and id = @Id", new { user.TenantId, Id = id })), cancellationToken);
        if (room is null)
        {
            return Problems.NotFound("There is no such room.");
        }

        if (room.PocId is not { } pocId)
        {
            return TypedResults.Problem("The room is not linked to a POC: open a room with a pocId to save its document to that POC.",
                statusCode: StatusCodes.Status409Conflict, title: "The room has no POC.", type: RoomWithoutPocType);
        }

        RoomSnapshot snapshot;
        try
        {
            snapshot = await rooms.SnapshotAsync(user, id, cancellationToken);
        }
        catch (RoomRefusedException)
        {
            return Problems.NotFound("There is no such room."); // deleted in between
        }

        var request = new CodeNoteRequest(room.Name, room.Language, snapshot.Document, $"dojo:rooms/{id}@{snapshot.Revision}");
        CodeNoteDto note;
        try
        {
            note = await pocs.AddCodeNoteAsync(pocId, request, cancellationToken);
        }
        catch (PocTrackerProblemException refused)
        {
            return refused.Status switch
            {
                HttpStatusCode.NotFound => Problems.NotFound($"The room's POC {pocId} no longer exists, or you cannot see it."),
                HttpStatusCode.Forbidden => Problems.Forbidden("Only the POC's owner or a tenant admin may add to it."),
                // The pocs app did not accept the caller's token: it was not issued for the pocs API too.
                HttpStatusCode.Unauthorized => Problems.Forbidden("Your access token is not valid for the pocs API (audience \"pocs\"): ask for both scopes."),
                _ => PocsUnavailable($"The pocs app answered {(int)refused.Status}; try again later."),
            };
        }
        catch (HttpRequestException)
        {
            return PocsUnavailable("The pocs app did not answer; try again later.");
        }

        return TypedResults.Created($"/api/pocs/{pocId}/code-notes/{note.Id}", note);
    }

    private static ProblemHttpResult PocsUnavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The pocs app is unavailable.", type: ProblemTypes.ServiceUnavailable);
}
