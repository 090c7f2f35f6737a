using Yarp.ReverseProxy.Forwarder;

namespace PocTracker.Gateway;

/// <summary>
/// In the proxy pipeline, around the forwarder: when YARP could not get an answer from the app (or the
/// sidecar), it sets a bare 502/503/504 and records why (<see cref="IForwarderErrorFeature"/>); this writes the
/// problem instead. A client that went away gets nothing, and an error after the answer started cannot be
/// changed (the client sees the connection end).
/// </summary>
internal static partial class NoAnswerProblems
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var appId = context.GetReverseProxyFeature().Route.Config.Metadata?[GatewayProxyConfig.AppMetadata] ?? "requested";
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NoAnswerProblems));
        LogNoAnswer(logger, appId, failure.Error, failure.Exception);
        switch (failure.Error)
        {
            case ForwarderError.RequestTimedOut:
                await GatewayProblems.TooSlowAsync(context, appId);
                break;
            case ForwarderError.NoAvailableDestinations:
                await GatewayProblems.UnavailableAsync(context, appId);
                break;
            case ForwarderError.RequestBodyClient:
                await GatewayProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read.",
                    "The request ended before its body was complete.");
                break;
            default:
                await GatewayProblems.NoAnswerAsync(context, appId);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No answer from the {AppId} app: {Error}")]
    private static partial void LogNoAnswer(ILogger logger, string appId, ForwarderError error, Exception? exception);
}
