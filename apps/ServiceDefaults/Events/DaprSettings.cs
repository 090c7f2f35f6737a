using Microsoft.Extensions.Configuration;

namespace PocTracker.ServiceDefaults.Events;

/// <summary>
/// Whether a Dapr sidecar serves this process, and the component names to use. A sidecar sets
/// <c>DAPR_HTTP_PORT</c>/<c>DAPR_GRPC_PORT</c>; without one, nothing may call Dapr (its clients
/// retry forever instead of failing).
/// </summary>
public sealed record DaprSettings(bool SidecarConfigured, string PubSubName, string? AppApiToken = null)
{
    public static DaprSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sidecar = configuration.GetValue<bool?>("Dapr:Enabled")
            ?? (!string.IsNullOrEmpty(configuration["DAPR_HTTP_PORT"]) || !string.IsNullOrEmpty(configuration["DAPR_GRPC_PORT"]));
        // APP_API_TOKEN: the secret the sidecar sends in "dapr-api-token" on every call to the app.
        return new DaprSettings(sidecar, configuration["Dapr:PubSubName"] ?? "pubsub", configuration["APP_API_TOKEN"]);
    }
}
