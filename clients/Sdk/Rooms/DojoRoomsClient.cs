using System.Net.Http.Json;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Rooms;

/// <summary>
/// The rooms API (<c>/api/dojo/rooms</c>, docs/dojo.md). <paramref name="http"/> carries the server's
/// base address and an access token for the <c>dojo</c> audience (an Authorization header or a
/// delegating handler that adds one). Error answers throw <see cref="PocTrackerProblemException"/>.
/// </summary>
public sealed class DojoRoomsClient(HttpClient http)
{
    private const string Rooms = "api/dojo/rooms";

    /// <summary>Opens a room with an empty document.</summary>
    public async Task<RoomDto> CreateAsync(CreateRoomRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Rooms, UriKind.Relative))
        {
            Content = JsonContent.Create(request, SdkJson.Default.CreateRoomRequest),
        };
        return await ProblemAnswers.SendForJsonAsync(http, message, SdkJson.Default.RoomDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's open rooms, newest first.</summary>
    public Task<IReadOnlyList<RoomDto>> ListAsync(CancellationToken cancellationToken = default) =>
        GetAsync(Rooms, SdkJson.Default.IReadOnlyListRoomDto, cancellationToken);

    /// <summary>One room, open or closed.</summary>
    public Task<RoomDto> GetAsync(Guid roomId, CancellationToken cancellationToken = default) =>
        GetAsync($"{Rooms}/{roomId}", SdkJson.Default.RoomDto, cancellationToken);

    /// <summary>Closes a room (its creator only).</summary>
    public async Task CloseAsync(Guid roomId, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Rooms}/{roomId}/close", UriKind.Relative));
        await ProblemAnswers.SendForStatusAsync(http, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the room's document as a code note on the room's POC (<c>POST /api/dojo/rooms/{id}/save-to-poc</c>), as the
    /// caller: the token needs the <c>pocs</c> audience too. 409 <c>room-without-poc</c>; 404 for a POC gone or hidden; 403
    /// when the caller may not change that POC.
    /// </summary>
    public async Task<CodeNoteDto> SaveToPocAsync(Guid roomId, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Rooms}/{roomId}/save-to-poc", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, message, SdkJson.Default.CodeNoteDto, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string uri, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, message, type, cancellationToken).ConfigureAwait(false);
    }
}
