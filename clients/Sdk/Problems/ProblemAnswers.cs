using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PocTracker.Sdk.Problems;

/// <summary>Turns an error answer into a <see cref="PocTrackerProblemException"/>, and a failed exchange into an <see cref="HttpRequestException"/>.</summary>
internal static class ProblemAnswers
{
    /// <summary>Returns <paramref name="response"/> when it succeeded; otherwise disposes it and throws its problem.</summary>
    public static async Task<HttpResponseMessage> EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new PocTrackerProblemException(
                response.StatusCode, await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false), RetryAfterOf(response));
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/>. A timeout of the <see cref="HttpClient"/> (a cancellation the caller did not ask
    /// for) becomes an <see cref="HttpRequestException"/>, like every other answer that never came.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{request.Method} {request.RequestUri} got no answer in time.", e);
        }

        return await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="request"/> and reads its whole JSON answer (a body that breaks off is an <see cref="HttpRequestException"/> of the send itself).</summary>
    public static async Task<T> SendForJsonAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} without a body.");
    }

    /// <summary>Sends <paramref name="request"/> for its status only.</summary>
    public static async Task SendForStatusAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer's Retry-After, as seconds or as a date (then the time left until it, never negative).</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<PocTrackerProblem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(text, SdkJson.Default.PocTrackerProblem);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return null; // not a problem document after all (or it broke off): the status still says what happened
        }
    }
}
