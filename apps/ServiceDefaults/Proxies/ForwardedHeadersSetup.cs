using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults.Proxies;

/// <summary>
/// Behind the load balancer (an AWS ALB in front of the ingress) the client's address and scheme
/// arrive in <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>. They are believed only from the
/// proxies named in <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. the VPC's range) or
/// <c>ForwardedHeaders:KnownProxies</c> (addresses): anyone else could write those headers and walk
/// past the per-IP login and token limits, or into someone else's audit line. With neither set
/// (Standalone, tests) the headers are ignored and the connection's address is the client's.
/// Behind the gateway the public host arrives in <c>X-Forwarded-Host</c> (the gateway sends the app's own
/// address as <c>Host</c>, and under Dapr the sidecar does): it is believed from those proxies too, but only
/// when it is one of <c>ForwardedHeaders:AllowedHosts</c> (the public host names, e.g. <c>app.poctracker.dev</c>;
/// the port is not compared), so that absolute links and redirects (the login page's) name the public origin
/// and a client can never make them name another. Under Dapr each hop's sidecar appends its own host's
/// address and name (docs/gateway.md, "Forwarded headers"), so there <c>ForwardLimit</c> is 2.
/// </summary>
public static class ForwardedHeadersSetup
{
    internal static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var hosts = section.GetSection("AllowedHosts").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Nothing configured, nothing believed: with both lists empty the middleware would trust any sender.
            options.ForwardedHeaders = networks.Length + proxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | (hosts.Length > 0 ? ForwardedHeaders.XForwardedHost : ForwardedHeaders.None);
            options.AllowedHosts = hosts;
            // Only what is configured, not the framework's default of loopback.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            // The ALB appends one address; more hops are the client's own claims.
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        });
        return services;
    }

    /// <summary>The middleware goes first, so rate limits, logs and audit see the real client.</summary>
    internal static void UseTrustedProxies(this WebApplication app) => app.UseForwardedHeaders();
}
