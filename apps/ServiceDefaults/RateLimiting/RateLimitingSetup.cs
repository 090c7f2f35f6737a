using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.ServiceDefaults.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter for every app, with no limit of its own: an app adds its limiters
/// (<see cref="RateLimiterOptions"/>: endpoint policies or a global limiter) in its module. A refused
/// request gets <c>429</c>, a <c>Retry-After</c> when the limiter knows one, and a problem
/// (<c>too-many-requests</c>) unless the app writes another answer.
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = SetRetryAfter(context);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.TooManyRequests,
                        Title = "Too many requests.",
                        Detail = retryAfter is { } wait ? $"Too many requests; try again in {Seconds(wait)} seconds." : "Too many requests; try again later.",
                    },
                });
            };
        });

    /// <summary>
    /// Sets <c>Retry-After</c> (whole seconds, rounded up) from the refused lease, when its limiter
    /// tells (fixed windows and token buckets do); returns the wait.
    /// </summary>
    public static TimeSpan? SetRetryAfter(OnRejectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            return null;
        }

        context.HttpContext.Response.Headers.RetryAfter = Seconds(wait);
        return wait;
    }

    /// <summary>A wait as <c>Retry-After</c> writes it: whole seconds, at least 1.</summary>
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
