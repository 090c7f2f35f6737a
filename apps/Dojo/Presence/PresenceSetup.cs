using Microsoft.Extensions.DependencyInjection.Extensions;
using PocTracker.Dojo.Flood;

namespace PocTracker.Dojo.Presence;

/// <summary>Registers presence and the hub's per-connection limits (one call from the module, so the module stays a list).</summary>
internal static class PresenceSetup
{
    public static IServiceCollection AddDojoPresenceAndLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceOptions.SectionName))
            .Validate(o => o.IntervalMilliseconds > 0 && o.MaxSelections > 0 && o.RefreshInterval > TimeSpan.Zero,
                "Dojo:Presence needs a positive interval, selection cap and refresh interval.")
            .ValidateOnStart();
        services.AddOptions<HubCallLimits>()
            .Bind(configuration.GetSection(HubCallLimits.SectionName))
            .Validate(o => o is { SubmitsPerSecond: > 0, SubmitBurst: > 0, PresencePerSecond: > 0, PresenceBurst: > 0, JoinsPerSecond: > 0, JoinBurst: > 0 },
                "Dojo:Limits needs positive rates and bursts.")
            .ValidateOnStart();
        services.AddSingleton<RoomPresence>();
        // Under a sidecar the Dapr setup has registered the pub/sub relay first; alone, nothing to relay to.
        services.TryAddSingleton<IPresenceRelay, LocalPresenceRelay>();
        services.AddSingleton<HubCallLimiter>();
        return services;
    }
}
