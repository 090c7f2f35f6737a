using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.ServiceDefaults.Requests;

/// <summary>
/// How long a request target and how big its headers may be. Kestrel refuses what breaks its own
/// limits before any middleware runs, with an empty body (nothing can give those answers a body:
/// aspnet/KestrelHttpServer#2947). So Kestrel's limits sit at twice ours and this middleware answers
/// everything between with a problem: only a request over twice the limit gets Kestrel's bare 414/431.
/// </summary>
public static class RequestLimits
{
    /// <summary>Path and query as sent (Kestrel's default request line is 8 KB).</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>Every header line, name, value and line end (Kestrel's default).</summary>
    public const int MaxRequestHeadersTotalBytes = 32 * 1024;

    /// <summary>Header lines (Kestrel's default).</summary>
    public const int MaxRequestHeaderCount = 100;

    /// <summary>Kestrel refuses only beyond this many times our limits.</summary>
    internal const int KestrelMargin = 2;

    internal static void ConfigureServerLimits(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The request line holds method and version around the target: a little more than the target's limit.
            kestrel.Limits.MaxRequestLineSize = KestrelMargin * MaxRequestTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelMargin * MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = KestrelMargin * MaxRequestHeaderCount;
        });

    /// <summary>Answers 414 or 431 with a problem for a request over our limits but within Kestrel's.</summary>
    internal static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > MaxRequestTargetLength)
            {
                return ProblemResponse.WriteAsync(context, StatusCodes.Status414UriTooLong, "The request URI is too long.",
                    $"Path and query may have at most {MaxRequestTargetLength:N0} characters; this one has {target.Length:N0}.");
            }

            var (lines, bytes) = HeaderSize(context.Request.Headers);
            if (lines > MaxRequestHeaderCount || bytes > MaxRequestHeadersTotalBytes)
            {
                return ProblemResponse.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                    $"At most {MaxRequestHeaderCount} header lines of {MaxRequestHeadersTotalBytes:N0} bytes in all; this request has {lines} of {bytes:N0}.");
            }

            return next(context);
        });

    /// <summary>Header lines and their bytes as Kestrel counts them ("name: value" and the line end).</summary>
    private static (int Lines, int Bytes) HeaderSize(IHeaderDictionary headers)
    {
        var lines = 0;
        var bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                lines++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return (lines, bytes);
    }
}
