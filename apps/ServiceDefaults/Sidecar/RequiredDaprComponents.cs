using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Secrets;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Sidecar;

/// <summary>
/// The registry of the Dapr components an app needs: each port adds what it uses when the app adds the port (the
/// event bus when the app publishes or consumes integration events, the job runner under Dapr, the app database's
/// secrets, the dojo's room actors), so the list is always the app's own and never a second copy to keep in step.
/// </summary>
public static class RequiredDaprComponents
{
    /// <summary>
    /// The secret store the apps read their connection strings and keys from (<c>Dapr:SecretStore</c>, default
    /// <c>secretstore</c>), or null when it is set empty: no secret store is read then.
    /// </summary>
    public static string? SecretStoreName(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[SecretStoreSetup.StoreNameKey] switch
        {
            null => SecretStoreSetup.DefaultStoreName,
            "" => null,
            var name => name,
        };
    }

    /// <summary>Adds <paramref name="component"/> to what the app needs under a sidecar.</summary>
    public static IServiceCollection AddRequiredDaprComponent(this IServiceCollection services, RequiredDaprComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return services.AddRequiredDaprComponent(_ => component);
    }

    /// <summary>
    /// Adds a component whose name comes from the app's settings (<paramref name="component"/> reads them from the
    /// service provider, e.g. <c>Dapr:PubSubName</c> through <see cref="Events.DaprSettings"/>).
    /// </summary>
    public static IServiceCollection AddRequiredDaprComponent(this IServiceCollection services, Func<IServiceProvider, RequiredDaprComponent> component)
    {
        services.AddSingleton(component);
        services.AddStartupCheck<DaprComponentsCheck>();
        return services;
    }

    /// <summary>
    /// What the app's ports need, one entry per component (per kind for the unnamed actor state store), each with every
    /// reason a port gave.
    /// </summary>
    public static IReadOnlyList<RequiredDaprComponent> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services.GetServices<RequiredDaprComponent>()
            .GroupBy(c => (c.Kind, c.Name))
            .Select(g => g.First() with { NeededFor = string.Join(" and ", g.Select(c => c.NeededFor).Distinct(StringComparer.Ordinal)) })
            .OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }
}
