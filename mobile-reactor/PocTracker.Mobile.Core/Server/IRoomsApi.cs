using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Mobile.Core.Server;

/// <summary>The dojo rooms' REST calls (the SDK's <c>DojoRoomsClient</c>).</summary>
public interface IRoomsApi
{
    Task<IReadOnlyList<RoomDto>> ListAsync(CancellationToken cancellationToken);

    Task<RoomDto> CreateAsync(CreateRoomRequest request, CancellationToken cancellationToken);

    Task CloseAsync(Guid roomId, CancellationToken cancellationToken);

    /// <summary>Saves the room's text as a code note of its POC.</summary>
    Task<CodeNoteDto> SaveToPocAsync(Guid roomId, CancellationToken cancellationToken);
}
