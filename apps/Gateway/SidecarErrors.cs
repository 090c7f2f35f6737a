using System.Text.Json;
using Yarp.ReverseProxy.Transforms;

namespace PocTracker.Gateway;

/// <summary>
/// Tells the sidecar's own error answers from the app's, and replaces them with the gateway's problem. When
/// Dapr cannot invoke the app (it is down, its sidecar is unknown, a resiliency timeout fired, the circuit is
/// open, access control refused) it answers <c>500</c> (or <c>403</c>) with <c>application/json</c>
/// <c>{"errorCode":"ERR_DIRECT_INVOKE","message":"…"}</c>; a wrong <c>dapr-api-token</c> gets <c>401</c>
/// <c>invalid api token</c> in plain text. The apps answer errors as <c>application/problem+json</c>, and the
/// OAuth endpoints' <c>application/json</c> errors have no <c>errorCode</c>, so these pass through untouched.
/// </summary>
internal static partial class SidecarErrors
{
    /// <summary>Dapr's error bodies are a few hundred bytes; anything bigger is not one of them.</summary>
    private const int MaxErrorBytes = 16 * 1024;

    public static async ValueTask ReplaceAsync(ResponseTransformContext transform, string appId)
    {
        if (transform.ProxyResponse is not { } answer || (int)answer.StatusCode < 400 || answer.Content.Headers.ContentType?.MediaType is not { } mediaType)
        {
            return;
        }

        var status = (int)answer.StatusCode;
        var daprError = (mediaType, status) switch
        {
            ("application/json", _) => await DaprErrorAsync(answer, transform.CancellationToken),
            ("text/plain", StatusCodes.Status401Unauthorized) => await TokenRefusalAsync(answer, transform.CancellationToken),
            _ => null,
        };
        if (daprError is null)
        {
            return;
        }

        transform.SuppressResponseBody = true;
        var logger = transform.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SidecarErrors));
        LogSidecarError(logger, appId, status, daprError.Code, daprError.Message);
        var message = daprError.Message;
        if (message.Contains("deadline exceeded", StringComparison.OrdinalIgnoreCase) || message.Contains("DeadlineExceeded", StringComparison.Ordinal)
            || message.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            await GatewayProblems.TooSlowAsync(transform.HttpContext, appId);
        }
        else if (message.Contains("circuit breaker is open", StringComparison.OrdinalIgnoreCase))
        {
            await GatewayProblems.UnavailableAsync(transform.HttpContext, appId);
        }
        else
        {
            await GatewayProblems.NoAnswerAsync(transform.HttpContext, appId);
        }
    }

    private static async Task<DaprError?> DaprErrorAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (await SmallBodyAsync(answer, cancellationToken) is not { } body)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { } errorCode && errorCode.StartsWith("ERR_", StringComparison.Ordinal)
                ? new DaprError(errorCode, json.RootElement.TryGetProperty("message", out var message) ? message.ToString() : "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<DaprError?> TokenRefusalAsync(HttpResponseMessage answer, CancellationToken cancellationToken) =>
        await SmallBodyAsync(answer, cancellationToken) is { } body && body.Trim() == "invalid api token"
            ? new DaprError("invalid api token", "the sidecar refused the gateway's DAPR_API_TOKEN")
            : null;

    /// <summary>
    /// The body, when it is small, buffered: YARP then copies the buffered bytes as usual if the answer is the
    /// app's (reading the buffer as text does not consume it).
    /// </summary>
    private static async Task<string?> SmallBodyAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (answer.Content.Headers.ContentLength is not (>= 0 and <= MaxErrorBytes))
        {
            return null;
        }

        await answer.Content.LoadIntoBufferAsync(MaxErrorBytes, cancellationToken);
        return await answer.Content.ReadAsStringAsync(cancellationToken);
    }

    private sealed record DaprError(string Code, string Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sidecar could not invoke the {AppId} app: {Status} {ErrorCode} {DaprMessage}")]
    private static partial void LogSidecarError(ILogger logger, string appId, int status, string errorCode, string daprMessage);
}
