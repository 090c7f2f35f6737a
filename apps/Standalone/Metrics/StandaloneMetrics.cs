using System.Net;
using System.Net.Sockets;
using PocTracker.ServiceDefaults;

namespace PocTracker.Standalone.Metrics;

/// <summary>
/// Standalone serves Prometheus metrics the production way, on a management port of their own,
/// bound to loopback: <c>Metrics:Port</c> when set, else a free port chosen at start. The address
/// is logged once the host listens.
/// </summary>
internal static partial class StandaloneMetrics
{
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Metrics:Host"] ??= "127.0.0.1";
        if (MetricsEndpoint.Port(builder.Configuration) is null)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            builder.Configuration["Metrics:Port"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static void LogAddressWhenStarted(WebApplication app)
    {
        var address = new Uri($"http://{app.Configuration["Metrics:Host"]}:{MetricsEndpoint.Port(app.Configuration)}{MetricsEndpoint.Path}");
        app.Lifetime.ApplicationStarted.Register(() => LogMetricsAddress(app.Logger, address));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics on {MetricsAddress}")]
    private static partial void LogMetricsAddress(ILogger logger, Uri metricsAddress);
}
