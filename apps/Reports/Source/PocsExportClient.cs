using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Source;

/// <summary>
/// Reads POCs from the pocs app's export (<c>GET /api/pocs/export</c>, NDJSON) through the
/// service-invocation port, as the caller: their token is forwarded, so a report holds exactly
/// what their search would show. The response is consumed as it arrives, one POC at a time.
/// </summary>
internal sealed class PocsExportClient(HttpClient http)
{
    public const string AppId = "pocs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Starts the export. Returns the POCs to enumerate, or the pocs app's problem (its status and
    /// body, e.g. a 400 for an unknown status) when it refused before sending any.
    /// </summary>
    /// <param name="queryString">The filters, as <c>?a=b&amp;...</c> or empty.</param>
    /// <param name="accessToken">The user's token for a background job (no request to forward it from); null inside a request.</param>
    /// <param name="cancellationToken">Ends the export.</param>
    public async Task<PocsExport> OpenAsync(string queryString, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/pocs/export" + queryString);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new PocsExport(null, StatusCodes.Status503ServiceUnavailable, null); // unreachable: the caller gets a 503
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                return new PocsExport(null, (int)response.StatusCode, problem);
            }
        }

        return new PocsExport(ReadAsync(response, cancellationToken), 200, null);
    }

    private static async IAsyncEnumerable<PocDto> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            // NDJSON is a sequence of top-level JSON values separated by new lines.
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

/// <summary>An export in progress: the POCs, or the problem the pocs app answered with.</summary>
internal sealed record PocsExport(IAsyncEnumerable<PocDto>? Pocs, int Status, string? Problem);
