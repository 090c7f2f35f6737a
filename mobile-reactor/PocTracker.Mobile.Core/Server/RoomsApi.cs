using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Rooms;

namespace PocTracker.Mobile.Core.Server;

/// <summary><see cref="IRoomsApi"/> over the SDK's <see cref="DojoRoomsClient"/>.</summary>
public sealed class RoomsApi(DojoRoomsClient client) : IRoomsApi
{
    public Task<IReadOnlyList<RoomDto>> ListAsync(CancellationToken cancellationToken) => client.ListAsync(cancellationToken);

    public Task<RoomDto> CreateAsync(CreateRoomRequest request, CancellationToken cancellationToken) => client.CreateAsync(request, cancellationToken);

    public Task CloseAsync(Guid roomId, CancellationToken cancellationToken) => client.CloseAsync(roomId, cancellationToken);

    public Task<CodeNoteDto> SaveToPocAsync(Guid roomId, CancellationToken cancellationToken) => client.SaveToPocAsync(roomId, cancellationToken);
}
