using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>A problem answered by middleware, where there is no endpoint result to return.</summary>
internal static class ProblemResponse
{
    /// <summary>Writes the problem (its type follows from the status, see <see cref="ProblemTypes.ForStatus"/>).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
