using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>
/// Turns exceptions into problem details. Bad input the framework rejects becomes a 400 that names
/// the field when it can; anything unexpected is a 500 that says nothing about internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => Unexpected(exception),
        };
        if (problem is null)
        {
            return true; // the client went away; nobody is listening for an answer.
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails Unexpected(Exception exception)
    {
        LogUnexpected(logger, exception);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Type = ProblemTypes.InternalError,
            Title = "Something went wrong on our side.",
            Detail = "The error was logged; quote the trace id when you report it.",
        };
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var status = bad.StatusCode;
        var problem = new ProblemDetails
        {
            Status = status,
            Type = ProblemTypes.ForStatus(status),
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                _ => "The request could not be read.",
            },
            Detail = bad.Message,
        };

        // A JSON error carries the path of the offending value ("$.tags[2]"): report it as a field.
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            problem.Detail = "The body is not valid JSON for this endpoint.";
            problem.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [field] = [$"Invalid value at {field}" + (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})." : ".")],
            };
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
