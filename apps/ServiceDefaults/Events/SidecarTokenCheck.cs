using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>
/// Under a Dapr sidecar the app serves routes only the sidecar may call (event deliveries, actor
/// and workflow callbacks), and <c>APP_API_TOKEN</c> is what tells the sidecar's calls from anyone
/// else's: without it those routes would be open to whoever reaches the app's port, so the app
/// refuses to start. In every environment: a sidecar is never assumed by accident
/// (<see cref="DaprSettings"/>).
/// </summary>
internal sealed class SidecarTokenCheck(DaprSettings dapr) : IStartupCheck
{
    public Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(dapr.SidecarConfigured && string.IsNullOrEmpty(dapr.AppApiToken)
            ? ["A Dapr sidecar is configured (DAPR_HTTP_PORT, DAPR_GRPC_PORT or Dapr:Enabled) but APP_API_TOKEN is not set: " +
               "set it to the same secret as the sidecar's APP_API_TOKEN, so that only the sidecar can call the app's event, actor and workflow routes."]
            : []);
}
