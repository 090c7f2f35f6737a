using PocTracker.ServiceDefaults.Auth;
using PocTracker.Video.Film;

namespace PocTracker.Video;

/// <summary>The video app as a module: what it registers and the routes it serves under <c>/api/videos</c>.</summary>
public static class VideoModule
{
    /// <summary>App id, audience, and the name of its database.</summary>
    public const string AppId = "video";

    public static IHostApplicationBuilder AddVideo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddYearFilm(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapVideoApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/videos")
            .WithTags("Videos")
            .RequireTenantUser(AppId);
        return endpoints;
    }
}
