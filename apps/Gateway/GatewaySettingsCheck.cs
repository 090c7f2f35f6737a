using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.Gateway;

/// <summary>The gateway refuses to start while a destination is missing or malformed (<see cref="GatewaySettings.Problems"/>).</summary>
internal sealed class GatewaySettingsCheck(GatewaySettings settings) : IStartupCheck
{
    public Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken) => Task.FromResult(settings.Problems);
}
