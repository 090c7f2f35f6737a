using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.Video.Jobs;
using PocTracker.Video.Story;
using PocTracker.Video.Workflow;

namespace PocTracker.Video.Start;

/// <summary>
/// <c>POST /api/videos</c>: validates, then in one transaction either finds the caller's video in
/// the making or creates one (within the tenant's cap), and starts its workflow. Everything the job
/// needs from the request is captured now: the period (from the injected clock, in the viewer's
/// zone), the language, the viewer's name and their access token (encrypted).
/// </summary>
internal static class StartVideo
{
    public static RouteGroupBuilder MapStartVideo(this RouteGroupBuilder api)
    {
        api.MapPost("/", HandleAsync).WithName("StartVideo").WithSummary("Ask for your year video (the last twelve months)")
            .WithDescription("Body optional: {\"format\":\"landscape\"|\"vertical\"}. Language from Accept-Language (pt-BR or en). 202 with the video; while one of yours is queued or running, 202 with that one. 429 with Retry-After when your organisation has too many videos in the making.")
            .Accepts<StartVideoRequest>(isOptional: true, "application/json")
            .Produces<VideoDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<IResult> HandleAsync(
        StartVideoRequest? request, TenantUser user, HttpContext context, VideoJobStore store,
        [FromKeyedServices(VideoModule.AppId)] IJobRunner runner, IDataProtectionProvider protection,
        IOptions<VideoOptions> options, VideoMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = request?.Format ?? "landscape";
        if (format is not ("landscape" or "vertical"))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["format"] = ["format is landscape or vertical."] });
        }

        if (AccessTokens.BearerOf(context.Request) is not { } accessToken)
        {
            return Problems.Forbidden("Videos need a bearer access token to read your POCs with.");
        }

        var settings = options.Value;
        var culture = VideoCulture.Of(context.Request);
        var zone = ZoneOf(context.User, settings.DefaultTimeZone);
        var period = StoryPeriod.LastTwelveMonths(time, zone);
        var requested = await store.RequestAsync(user, format, culture, period, settings.MaxRunningPerTenant, cancellationToken);
        if (requested.Job is not { } job)
        {
            metrics.Requested("over_cap");
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"Your organisation already has {settings.MaxRunningPerTenant} videos in the making. Try again in a minute.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many videos in the making.", type: ProblemTypes.TooManyRequests);
        }

        if (requested.Created)
        {
            var input = new YearVideoJob(user.TenantId, user.UserId, job.Id, ViewerName(context.User, culture), culture, format,
                period.First, period.Last, zone.Id, AccessTokens.Protect(protection, VideoModule.AppId, accessToken));
            try
            {
                await runner.StartAsync<YearVideoWorkflow, YearVideoJob, VideoOutcome>(user.TenantId, job.Id, input, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Not left queued forever: the user sees it failed, and can ask again at once.
                await store.FailAsync(user, job.Id, VideoFailureException.Interrupted(culture), CancellationToken.None);
                throw;
            }
        }

        metrics.Requested(requested.Created ? "created" : "existing");
        return Results.Accepted(VideoJobsApi.StatusUrl(job.Id), job.ToDto());
    }

    /// <summary>The name the title shows: the token's <c>name</c>, else its <c>preferred_username</c>, else "you".</summary>
    internal static string ViewerName(ClaimsPrincipal principal, string culture)
    {
        var name = principal.FindFirst(TenantClaims.Name)?.Value ?? principal.FindFirst("preferred_username")?.Value;
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return culture == "pt-BR" ? "Você" : "You";
        }

        return name.Length <= 100 ? name : name[..100];
    }

    /// <summary>The token's <c>zoneinfo</c> (OpenID Connect) when it names a zone this machine knows, else the default.</summary>
    internal static TimeZoneInfo ZoneOf(ClaimsPrincipal principal, string fallback) =>
        principal.FindFirst("zoneinfo")?.Value is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(fallback);
}

/// <summary>The film's language: Brazilian Portuguese when the caller's first choice is Portuguese, English otherwise.</summary>
internal static class VideoCulture
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
            && first.Value.Value?.StartsWith("pt", StringComparison.OrdinalIgnoreCase) == true
            ? "pt-BR"
            : "en";
    }
}
