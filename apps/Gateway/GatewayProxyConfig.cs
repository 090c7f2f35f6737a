using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace PocTracker.Gateway;

/// <summary>
/// The YARP routes and clusters for <see cref="GatewayRoutes"/>: one route per prefix, carrying its app id as
/// metadata (<see cref="AppMetadata"/>); under a sidecar every app route shares the sidecar's cluster (the
/// transforms in <see cref="GatewayTransforms"/> name the app), otherwise each app has its own cluster.
/// The hub's cluster has every dojo destination, round robin, with hash-cookie session affinity.
/// </summary>
internal static class GatewayProxyConfig
{
    public const string AppMetadata = "app";
    public const string SidecarCluster = "dapr-sidecar";
    public const string DojoHubCluster = "dojo-hub";

    /// <summary>
    /// Pins a hub client to one dojo replica. SignalR negotiates (<c>POST /hubs/dojo/negotiate</c>) and then opens
    /// the WebSocket with the connection token the negotiation made, which only that replica knows; the cookie
    /// set on the negotiation's answer takes the WebSocket to the same replica.
    /// </summary>
    public const string DojoAffinityCookie = "poctracker.dojo-affinity";

    public static IReadOnlyList<RouteConfig> Routes(GatewaySettings settings) =>
    [
        .. GatewayRoutes.AppRoutes.Select(route => Route(route, settings.ThroughSidecar ? SidecarCluster : route.AppId)),
        Route(GatewayRoutes.DojoHub, DojoHubCluster),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewaySettings settings)
    {
        var request = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = settings.ActivityTimeout };
        var clusters = new List<ClusterConfig>();
        if (settings.Sidecar is { } sidecar)
        {
            clusters.Add(Cluster(SidecarCluster, [sidecar], request));
        }
        else
        {
            clusters.AddRange(settings.Apps.Select(app => Cluster(app.Key, [app.Value], request)));
        }

        clusters.Add(Cluster(DojoHubCluster, settings.DojoHubDestinations, request) with
        {
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                // The cookie holds a hash of the destination, not a Data Protection payload: any gateway replica
                // reads it without sharing a key ring (the gateway has no database to keep one in).
                Policy = SessionAffinityConstants.Policies.HashCookie,
                // A replica that went away: the client is sent to another one (SignalR connects again anyway).
                FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                AffinityKeyName = DojoAffinityCookie,
                Cookie = new SessionAffinityCookieConfig
                {
                    Path = GatewayRoutes.DojoHub.PathPrefix,
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    SecurePolicy = CookieSecurePolicy.SameAsRequest,
                },
            },
        });
        return clusters;
    }

    private static RouteConfig Route(AppRoute route, string clusterId) => new()
    {
        RouteId = route.AppId + route.PathPrefix,
        ClusterId = clusterId,
        // A catch-all also matches the prefix itself (/api/pocs as well as /api/pocs/...).
        Match = new RouteMatch { Path = route.PathPrefix + "/{**rest}" },
        Metadata = new Dictionary<string, string> { [AppMetadata] = route.AppId },
    };

    private static ClusterConfig Cluster(string id, IEnumerable<Uri> destinations, Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig request) => new()
    {
        ClusterId = id,
        Destinations = destinations.Select((address, i) => (address, i))
            .ToDictionary(d => $"{id}-{d.i}", d => new DestinationConfig { Address = d.address.ToString() }),
        HttpRequest = request,
    };
}
