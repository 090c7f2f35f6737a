using PocTracker.Contracts.Apps;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Gateway;

/// <summary>
/// Which app serves which path: the gateway's whole route table (docs/gateway.md lists it with the reasons).
/// Each prefix is a whole path segment: <c>/api/pocs</c> takes <c>/api/pocs</c> and everything under it, not
/// <c>/api/pocsx</c>. A path under none of them is the gateway's own 404.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>Routes reached through Dapr service invocation under a sidecar, plain HTTP otherwise.</summary>
    public static IReadOnlyList<AppRoute> AppRoutes { get; } =
    [
        // The identity app's API, the OAuth/OpenID Connect endpoints (authorize, token, userinfo, logout),
        // its server-rendered pages (login, two-step login, invitation, forgotten and reset password; their
        // styles are inline, so there are no static files) and discovery with the JWKS.
        new("/api/identity", AppIds.Identity),
        new("/connect", AppIds.Identity),
        new("/account", AppIds.Identity),
        new("/.well-known", AppIds.Identity),
        new("/api/pocs", AppIds.Pocs),
        // Includes the anonymous download links of finished report jobs (/api/reports/downloads).
        new("/api/reports", AppIds.Reports),
        new("/api/videos", AppIds.Video),
        new("/api/dojo", AppIds.Dojo),
    ];

    /// <summary>
    /// The dojo's SignalR hub (negotiation and the WebSocket): straight to a dojo replica, never through Dapr
    /// (service invocation does not carry WebSockets), with session affinity.
    /// </summary>
    public static AppRoute DojoHub { get; } = new(DojoHubNames.Path, AppIds.Dojo);

    /// <summary>Every route, the hub's included.</summary>
    public static IEnumerable<AppRoute> All => AppRoutes.Append(DojoHub);
}

/// <summary>Requests whose path is <see cref="PathPrefix"/> or under it go to app <see cref="AppId"/>.</summary>
public sealed record AppRoute(string PathPrefix, string AppId)
{
    /// <summary>Whether <paramref name="path"/> is this route's (the prefix, or the prefix and a segment boundary).</summary>
    public bool Matches(string path) =>
        path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == PathPrefix.Length || path[PathPrefix.Length] == '/');
}
