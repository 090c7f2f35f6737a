using System.Net.Http.Json;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Sdk.Rooms;

/// <summary>
/// The rooms API (<c>/api/dojo/rooms</c>, docs/dojo.md). <paramref name="http"/> carries the server's
/// base address and an access token for the <c>dojo</c> audience (an Authorization header or a
/// delegating handler that adds one). Error answers throw <see cref="HttpRequestException"/> with the status.
/// </summary>
public sealed class DojoRoomsClient(HttpClient http)
{
    private const string Rooms = "api/dojo/rooms";

    /// <summary>Opens a room with an empty document.</summary>
    public async Task<RoomDto> CreateAsync(CreateRoomRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(Rooms, request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RoomDto>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The server answered 201 without a room.");
    }

    /// <summary>The tenant's open rooms, newest first.</summary>
    public async Task<IReadOnlyList<RoomDto>> ListAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<RoomDto>>(Rooms, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>One room, open or closed.</summary>
    public async Task<RoomDto> GetAsync(Guid roomId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<RoomDto>($"{Rooms}/{roomId}", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The server answered without a room.");

    /// <summary>Closes a room (its creator only).</summary>
    public async Task CloseAsync(Guid roomId, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(new Uri($"{Rooms}/{roomId}/close", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
