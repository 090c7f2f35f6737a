using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Dojo.SaveToPoc;

/// <summary>
/// Adds a code note to a POC through the pocs app's API (<c>POST /api/pocs/{id}/code-notes</c>) over
/// the service-invocation port, as the caller: their token is forwarded, so the pocs app decides
/// whether they may change that POC (database per service: the dojo never reads pocs' tables).
/// </summary>
internal sealed class PocsCodeNotesClient(HttpClient http)
{
    public const string AppId = "pocs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The note as stored, or the pocs app's status when it refused (or 503 when it could not be reached).</summary>
    public async Task<(CodeNoteDto? Note, HttpStatusCode Status)> AddAsync(Guid pocId, CodeNoteRequest note, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"api/pocs/{pocId}/code-notes", note, Json, cancellationToken);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<CodeNoteDto>(Json, cancellationToken), response.StatusCode)
                : (null, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            return (null, HttpStatusCode.ServiceUnavailable);
        }
    }
}
