using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Video.Collect;

/// <summary>
/// Reads the viewer's POCs from the pocs app's export (<c>GET /api/pocs/export</c>, NDJSON) through the
/// service-invocation port, as the viewer: their token (captured when they asked) is sent, so the
/// film holds exactly what they may see. Consumed as it arrives, one POC at a time.
/// </summary>
internal sealed class ViewerPocsClient(HttpClient http)
{
    public const string AppId = "pocs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts the export; returns the POCs, or the status the pocs app refused with.</summary>
    public async Task<(IAsyncEnumerable<PocDto>? Pocs, int Status)> OpenAsync(string queryString, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/pocs/export" + queryString);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return (null, (int)response.StatusCode);
            }
        }

        return (ReadAsync(response, cancellationToken), 200);
    }

    private static async IAsyncEnumerable<PocDto> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var poc in JsonSerializer.DeserializeAsyncEnumerable<PocDto>(stream, topLevelValues: true, Json, cancellationToken))
            {
                if (poc is not null)
                {
                    yield return poc;
                }
            }
        }
    }
}
