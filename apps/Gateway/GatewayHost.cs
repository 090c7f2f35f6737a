using PocTracker.Contracts.Apps;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.StartupChecks;
using PocTracker.Web.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace PocTracker.Gateway;

/// <summary>
/// The gateway: the one origin clients use (docs/gateway.md). The host defaults every process has (JSON logs,
/// telemetry, health, problems, trusted proxies; no database, no token validation, no event bus: the apps check
/// tokens themselves) and YARP with <see cref="GatewayRoutes"/>; the web app at <c>/</c> (clients/Web.Hosting). Nothing invokes the gateway, so it needs no
/// <c>APP_API_TOKEN</c>.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGateway();
        var app = builder.Build();
        app.UseHostDefaults();
        app.MapHealthEndpoints();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(NoAnswerProblems.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapWebApp(); // last: its index.html fallback takes only what no route took
        return app;
    }

    /// <summary>What the gateway's process is made of, before it is built (the static checks read it too).</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHostDefaults(AppIds.Gateway);
        builder.AddWebApp(typeof(GatewayHost).Assembly);
        var settings = GatewaySettings.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddStartupCheck<GatewaySettingsCheck>();
        services.AddSingleton<IForwarderHttpClientFactory, GatewayHttpClientFactory>();
        services.AddReverseProxy()
            .LoadFromMemory(GatewayProxyConfig.Routes(settings), GatewayProxyConfig.Clusters(settings))
            .AddTransforms<GatewayTransforms>();
        return builder;
    }
}
