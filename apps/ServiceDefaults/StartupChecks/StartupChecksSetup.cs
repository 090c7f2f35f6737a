using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PocTracker.ServiceDefaults.StartupChecks;

public static class StartupChecksSetup
{
    /// <summary>Adds <typeparamref name="TCheck"/> to what the app checks before it serves (once, however often asked).</summary>
    public static IServiceCollection AddStartupCheck<TCheck>(this IServiceCollection services)
        where TCheck : class, IStartupCheck
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupCheck, TCheck>());
        return services;
    }
}
