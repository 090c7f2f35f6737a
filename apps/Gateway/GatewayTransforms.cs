using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PocTracker.Gateway;

/// <summary>
/// What the gateway changes on the way through, on top of YARP's defaults (which copy the request and answer,
/// and set <c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c> to what the gateway saw, replacing any a client
/// sent, and drop a client's <c>Forwarded</c>):
/// <list type="bullet">
/// <item>every route: a client's <c>dapr-*</c> headers are dropped (a client never speaks to Dapr), and a path
/// that decodes to dot segments or empty segments (<c>%2F..%2F</c>) is refused, because Dapr decodes and cleans
/// the path it invokes, so such a path would reach another route of the app, one no client may call (the
/// <c>/events/*</c> routes the app's sidecar vouches for);</item>
/// <item>under a sidecar: <c>dapr-app-id</c> names the route's app and <c>dapr-api-token</c> carries
/// <c>DAPR_API_TOKEN</c>; an error the sidecar itself answers (Dapr's JSON with an <c>errorCode</c>, or its
/// refusal of the API token) becomes the gateway's problem (<see cref="SidecarErrors"/>).</item>
/// </list>
/// </summary>
internal sealed class GatewayTransforms(GatewaySettings settings) : ITransformProvider
{
    private const string DaprHeaderPrefix = "dapr-";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var appId = context.Route.Metadata?[GatewayProxyConfig.AppMetadata] ?? throw new InvalidOperationException($"Route {context.Route.RouteId} names no app.");
        context.AddRequestTransform(transform =>
        {
            foreach (var name in transform.ProxyRequest.Headers.Select(h => h.Key).Where(IsDaprHeader).ToList())
            {
                transform.ProxyRequest.Headers.Remove(name);
            }

            return UnambiguousPath(transform, appId);
        });

        if (context.Route.ClusterId != GatewayProxyConfig.SidecarCluster)
        {
            return;
        }

        context.AddRequestTransform(transform =>
        {
            // The header rather than /v1.0/invoke/{app}/method/{path}: the path stays the app's own route, as in
            // the apps' own calls (ServiceDefaults' AppInvocation), with no second encoding of it into Dapr's.
            transform.ProxyRequest.Headers.Add("dapr-app-id", appId);
            if (settings.DaprApiToken is { } token)
            {
                transform.ProxyRequest.Headers.Add("dapr-api-token", token);
            }

            return ValueTask.CompletedTask;
        });
        context.AddResponseTransform(transform => SidecarErrors.ReplaceAsync(transform, appId));
    }

    private static bool IsDaprHeader(string name) => name.StartsWith(DaprHeaderPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses the request (a 400 problem, which stops YARP from sending it) when its path, decoded once as Dapr
    /// decodes it, has a <c>.</c>, <c>..</c> or empty segment: what the app would be asked for would not be the
    /// path the route matched. No client of ours makes such a path (ids are GUIDs; filters are in the query).
    /// </summary>
    private static async ValueTask UnambiguousPath(RequestTransformContext transform, string appId)
    {
        var sent = transform.ProxyRequest.RequestUri?.AbsolutePath ?? transform.Path.ToUriComponent();
        var segments = Uri.UnescapeDataString(sent).Split('/');
        var ambiguous = segments.Skip(1).SkipLast(1).Any(s => s is "" or "." or "..") || segments[^1] is "." or "..";
        if (ambiguous)
        {
            await GatewayProblems.WriteAsync(transform.HttpContext, StatusCodes.Status400BadRequest, "The request path is not valid.",
                $"The path decodes to empty, '.' or '..' segments (e.g. an encoded slash); the {appId} app is not asked for it.");
        }
    }
}
