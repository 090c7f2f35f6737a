using System.Text;
using System.Text.Json;
using Yarp.ReverseProxy.Transforms;

namespace PocTracker.Gateway;

/// <summary>
/// Tells the sidecar's own error answers from the app's, and replaces them with the gateway's problem. When
/// Dapr cannot invoke the app (it is down, its sidecar is unknown, a resiliency timeout fired, the circuit is
/// open, access control refused) it answers <c>500</c> (or <c>403</c>) with <c>application/json</c>
/// <c>{"errorCode":"ERR_DIRECT_INVOKE","message":"…"}</c>; a wrong <c>dapr-api-token</c> gets <c>401</c>
/// <c>invalid api token</c> in plain text. The apps answer errors as <c>application/problem+json</c>, and the
/// OAuth endpoints' <c>application/json</c> errors have no <c>errorCode</c>: those pass through unchanged.
/// </summary>
internal static partial class SidecarErrors
{
    /// <summary>Dapr's error bodies are a few hundred bytes; a longer body is not one of them.</summary>
    private const int MaxErrorBytes = 16 * 1024;

    public static async ValueTask ReplaceAsync(ResponseTransformContext transform, string appId)
    {
        if (transform.ProxyResponse is not { } answer || (int)answer.StatusCode < 400
            || answer.Content.Headers.ContentType?.MediaType is not ("application/json" or "text/plain"))
        {
            return;
        }

        // From here on the gateway copies the body itself, as it has read the start of it.
        transform.SuppressResponseBody = true;
        var cancellationToken = transform.CancellationToken;
        await using var body = await answer.Content.ReadAsStreamAsync(cancellationToken);
        var (start, complete) = await ReadStartAsync(body, cancellationToken);
        if (complete && DaprError.From((int)answer.StatusCode, start) is { } daprError)
        {
            var context = transform.HttpContext;
            LogSidecarError(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SidecarErrors)),
                appId, (int)answer.StatusCode, daprError.Code, daprError.Message);
            await daprError.AnswerAsync(context, appId);
            return;
        }

        var response = transform.HttpContext.Response.Body;
        await response.WriteAsync(start, cancellationToken);
        await body.CopyToAsync(response, cancellationToken);
    }

    /// <summary>Up to <see cref="MaxErrorBytes"/> of the body, and whether that was all of it.</summary>
    private static async Task<(byte[] Start, bool Complete)> ReadStartAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return (buffer[..length], length <= MaxErrorBytes);
    }

    private sealed record DaprError(string Code, string Message)
    {
        public static DaprError? From(int status, byte[] body)
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                return Encoding.UTF8.GetString(body).Trim() == "invalid api token"
                    ? new DaprError("invalid api token", "the sidecar refused the gateway's DAPR_API_TOKEN")
                    : null;
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                return root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String
                    && code.GetString() is { } errorCode && errorCode.StartsWith("ERR_", StringComparison.Ordinal)
                    ? new DaprError(errorCode, root.TryGetProperty("message", out var message) ? message.ToString() : "")
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A timeout (Dapr's resiliency policy, a deadline) is a 504, an open circuit a 503, anything else a 502.</summary>
        public Task AnswerAsync(HttpContext context, string appId)
        {
            if (Message.Contains("deadline exceeded", StringComparison.OrdinalIgnoreCase) || Message.Contains("DeadlineExceeded", StringComparison.Ordinal)
                || Message.Contains("timeout", StringComparison.OrdinalIgnoreCase))
            {
                return GatewayProblems.TooSlowAsync(context, appId);
            }

            return Message.Contains("circuit breaker is open", StringComparison.OrdinalIgnoreCase)
                ? GatewayProblems.UnavailableAsync(context, appId)
                : GatewayProblems.NoAnswerAsync(context, appId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sidecar could not invoke the {AppId} app: {Status} {ErrorCode} {DaprMessage}")]
    private static partial void LogSidecarError(ILogger logger, string appId, int status, string errorCode, string daprMessage);
}
