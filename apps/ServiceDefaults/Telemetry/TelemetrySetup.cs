using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PocTracker.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>Every app's own meters and activity sources are named <c>PocTracker.{App}</c>.</summary>
    public const string SourcePrefix = "PocTracker.*";

    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient, Npgsql, the runtime and our own
    /// sources. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; metrics are also
    /// scraped by Prometheus at <c>/metrics</c> on the management port (<see cref="MetricsEndpoint"/>).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string appId)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: appId, serviceNamespace: "poctracker"))
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix)
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(SourcePrefix)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
