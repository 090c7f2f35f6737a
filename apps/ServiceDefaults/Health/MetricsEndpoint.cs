using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace PocTracker.ServiceDefaults;

/// <summary>
/// Prometheus metrics on a management port of their own, never on the public one: they name routes,
/// tenants' traffic and error rates, and the public port is reachable through the load balancer.
/// With <c>Metrics:Port</c> set, Kestrel also listens on <c>http://{Metrics:Host}:{Metrics:Port}</c>
/// (host <c>*</c> unless set), and requests that arrived on that port are answered by the metrics
/// branch alone: <c>GET /metrics</c>, 404 for anything else. The port the request arrived on decides
/// (<see cref="ConnectionInfo.LocalPort"/>), not the Host header, which a client writes. Without
/// <c>Metrics:Port</c> no port serves them (OTLP export, when configured, still runs).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>The management port from configuration, or null when metrics are not served over HTTP.</summary>
    public static int? Port(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Metrics:Port"] is not { Length: > 0 } configured)
        {
            return null;
        }

        return int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"Metrics:Port must be a TCP port (1-65535); it is '{configured}'.");
    }

    /// <summary>
    /// Adds the management port to the addresses Kestrel listens on, keeping the public ones. Kestrel
    /// takes either the <c>urls</c> setting or endpoints of its own (<c>Kestrel:Endpoints</c>), never
    /// both, so the port joins whichever the deployment uses; with neither, the public addresses are
    /// what Kestrel would have chosen (<c>http_ports</c>/<c>https_ports</c>, else localhost:5000).
    /// </summary>
    internal static void ListenOnMetricsPort(this WebApplicationBuilder builder)
    {
        if (Port(builder.Configuration) is not { } port)
        {
            return;
        }

        var host = builder.Configuration["Metrics:Host"] is { Length: > 0 } configured ? configured : "*";
        var metricsUrl = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}");
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.Configuration["Kestrel:Endpoints:Metrics:Url"] = metricsUrl;
            return;
        }

        builder.WebHost.UseUrls($"{PublicUrls(builder.Configuration)};{metricsUrl}");
    }

    /// <summary>
    /// First in the pipeline: a request that came in on the management port gets the metrics or a
    /// 404, and never reaches the API, authentication, rate limits or the request log.
    /// </summary>
    internal static void UseMetricsPort(this WebApplication app)
    {
        if (Port(app.Configuration) is not { } port)
        {
            return;
        }

        app.MapWhen(context => context.Connection.LocalPort == port, management =>
        {
            management.UseOpenTelemetryPrometheusScrapingEndpoint(Path);
            management.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    private static string PublicUrls(ConfigurationManager configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls;
        }

        static IEnumerable<string> Expand(string? ports, string scheme) =>
            (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
        var fromPorts = string.Join(';', Expand(configuration[WebHostDefaults.HttpPortsKey], "http").Concat(Expand(configuration[WebHostDefaults.HttpsPortsKey], "https")));
        return fromPorts.Length > 0 ? fromPorts : "http://localhost:5000";
    }
}
