using Microsoft.AspNetCore.Mvc;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Gateway;

/// <summary>
/// The gateway's own answers when an app gives none: RFC 9457 problems with the stable types every app uses
/// (docs/problems.md), never a bare 500 or an empty 502.
/// </summary>
internal static class GatewayProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var response = context.Response;
        response.Headers.Clear();
        response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemTypes.ForStatus(status), Title = title, Detail = detail },
        });
    }

    /// <summary>The app could not be reached, or broke off (502).</summary>
    public static Task NoAnswerAsync(HttpContext context, string appId) =>
        WriteAsync(context, StatusCodes.Status502BadGateway, "The app did not answer.",
            $"The {appId} app could not be reached or broke off its answer; try again shortly.");

    /// <summary>The app took longer than the gateway waits (504).</summary>
    public static Task TooSlowAsync(HttpContext context, string appId) =>
        WriteAsync(context, StatusCodes.Status504GatewayTimeout, "The app did not answer in time.",
            $"The {appId} app did not answer in time; try again shortly.");

    /// <summary>No replica of the app can take the request now (503).</summary>
    public static Task UnavailableAsync(HttpContext context, string appId) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The app is unavailable.",
            $"No replica of the {appId} app can take the request now; try again shortly.");
}
