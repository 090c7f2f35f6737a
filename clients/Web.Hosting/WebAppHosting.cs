using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PocTracker.Web.Hosting;

/// <summary>
/// Serves the web app (clients/Web) at <c>/</c> beside the APIs: the one piece of hosting code Standalone and the gateway
/// share, so both serve the same files with the same headers (docs/web.md, "Hosting"). The host references clients/Web
/// (its files become the host's static web assets) and calls <see cref="AddWebApp"/> and, after its own routes,
/// <see cref="MapWebApp"/>.
/// </summary>
public static class WebAppHosting
{
    /// <summary>
    /// The path prefixes that belong to the servers, never to the app: a request under one of them is never answered with
    /// index.html, so an unknown API path stays the server's 404 problem. A prefix is a whole segment (<c>/api</c> takes
    /// <c>/api</c> and <c>/api/...</c>, not <c>/apix</c>).
    /// </summary>
    public static readonly IReadOnlyList<PathString> ServerPaths =
    [
        "/api", "/connect", "/account", "/.well-known", "/hubs", "/docs", "/openapi", "/health", "/events", "/metrics",
    ];

    /// <summary>
    /// Makes the app's files reachable from the host's build output (a published host has them in its wwwroot
    /// instead, and this does nothing there). <paramref name="host"/> is the host's own assembly: the manifests carry
    /// its name, which is not the application name when a test hosts it from its own assembly.
    /// </summary>
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder, Assembly host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var assets = WebAppAssets.Of(host);
        // Static web assets are switched on by default only in Development; the build output is what ./run.sh and the
        // tests run in every environment, so they are asked for here, by the host's own manifest.
        if (File.Exists(assets.DevelopmentManifest))
        {
            builder.Configuration[WebHostDefaults.StaticWebAssetsKey] = assets.DevelopmentManifest;
            builder.WebHost.UseStaticWebAssets();
            // With a build manifest MapStaticAssets would otherwise behave as under `dotnet watch`: every file no-cache,
            // and a GET-only catch-all for files added after the build, which makes every other method on an unknown
            // path a 405 instead of the host's 404. Served as built, like a published host.
            builder.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
        }

        builder.Services.AddSingleton(assets);
        builder.Services.AddSingleton<AppHtml>();
        return builder;
    }

    /// <summary>
    /// The app's static assets (pre-compressed variants chosen by <c>Accept-Encoding</c>; fingerprinted files
    /// <c>immutable</c>, the others <c>no-cache</c> with an ETag) and index.html for a GET of a page path that no route
    /// took, outside <see cref="ServerPaths"/>. Call it after the host's middleware and routes.
    /// <para>
    /// The page is a last middleware rather than a fallback endpoint: a fallback endpoint is a candidate for every
    /// request, so a POST an API route refuses by its content type (415) or method (405) would become the fallback's
    /// answer instead.
    /// </para>
    /// </summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = app.Services.GetRequiredService<WebAppAssets>();
        var html = app.Services.GetRequiredService<AppHtml>();
        app.MapStaticAssets(assets.EndpointsManifest).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            {
                var serve = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    html.AddSecurityHeaders(context.Response);
                    return serve(context);
                };
            }
        });
        app.Use((context, next) => html.IsPageRequest(context) ? html.ServeIndexAsync(context) : next(context));
        return app;
    }

    /// <summary>True when <paramref name="path"/> is one of <see cref="ServerPaths"/> or under one.</summary>
    public static bool IsServerPath(PathString path) => ServerPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
