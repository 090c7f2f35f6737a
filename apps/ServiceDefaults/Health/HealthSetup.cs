using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults;

/// <summary>
/// <c>/health/live</c>: the process runs (no dependency is checked, so a slow database never gets
/// a pod restarted). <c>/health/ready</c>: every check tagged ready passes (the databases answer).
/// Mapped in every environment: Kubernetes probes them.
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";

    internal static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c> (<see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/> does it for apps).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
    }
}
