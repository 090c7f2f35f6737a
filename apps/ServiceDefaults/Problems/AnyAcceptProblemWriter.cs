using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>
/// Writes the problem when the request's <c>Accept</c> names no JSON type (<c>text/html</c>, <c>image/png</c>),
/// which the framework's own writer declines: the exception handler then has nothing to answer with (a 500),
/// status code pages fall back to a line of plain text, and typed problem results skip our <c>type</c> and
/// <c>code</c>. An error in a form the client did not ask for is better than none (RFC 9110 §12.1 lets a
/// server disregard <c>Accept</c>). Registered after the framework's writer, so it only takes those requests.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json",
            context.HttpContext.RequestAborted));
    }
}
