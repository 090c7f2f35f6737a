using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Secrets;
using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.ServiceDefaults.Sidecar;

/// <summary>
/// Under a sidecar, refuses to start when the sidecar has not loaded a component the app needs
/// (<see cref="RequiredDaprComponents"/>): a missing file, a scope that leaves the app out, a component of the
/// wrong kind. Without this the app would start and fail later, on the first event it publishes or the first
/// room opened, far from the cause. The sidecar loads its components before its API answers, so its metadata
/// (<see cref="DaprClient.GetMetadataAsync"/>) lists every one it will ever have for this app.
/// </summary>
internal sealed class DaprComponentsCheck(DaprSettings dapr, IServiceProvider services, IConfiguration configuration) : IStartupCheck
{
    /// <summary>
    /// How the sidecar's metadata marks a state store able to hold actors. Dapr gives it to every state store with
    /// ETags and transactions, which is what <c>actorStateStore: "true"</c> requires; whether a file sets that flag
    /// is for the static checks over the component files (tests/Distributed.Tests).
    /// </summary>
    internal const string ActorCapability = "ACTOR";

    public async Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken)
    {
        var required = RequiredDaprComponents.Of(services);
        if (!dapr.SidecarConfigured || required.Count == 0)
        {
            return [];
        }

        // As long as the secret store's read waits: dapr run and Kubernetes start the sidecar beside the app, and it
        // answers only once its components are loaded.
        var wait = configuration.GetValue(SecretStoreSetup.SidecarTimeoutKey, SecretStoreSetup.DefaultSidecarTimeout);
        var needed = string.Join(", ", required.Select(c => c.Name ?? "an " + c.KindName));
        var client = services.GetRequiredService<DaprClient>();
        DaprMetadata? metadata;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(wait);
            try
            {
                await client.WaitForSidecarAsync(timeout.Token);
                metadata = await client.GetMetadataAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [$"The Dapr sidecar did not answer within {wait.TotalSeconds:0.#} s (Dapr:SidecarTimeout), so the components this app needs ({needed}) " +
                        "could not be checked: start the app beside its sidecar (dapr run -f .), or without one unset DAPR_HTTP_PORT, DAPR_GRPC_PORT and Dapr:Enabled."];
            }
            catch (DaprException exception)
            {
                return [$"The Dapr sidecar's metadata API failed ({exception.InnerException?.Message ?? exception.Message}), so the components this app needs ({needed}) could not be checked."];
            }
        }

        return FindProblems(required, metadata?.Id ?? "", metadata?.Components ?? []);
    }

    /// <summary>One sentence per component <paramref name="required"/> that the sidecar of app <paramref name="appId"/> did not load as it should.</summary>
    internal static IReadOnlyList<string> FindProblems(IReadOnlyList<RequiredDaprComponent> required, string appId, IReadOnlyList<DaprComponentsMetadata> loaded)
    {
        var problems = new List<string>();
        foreach (var component in required)
        {
            if (component.Name is null)
            {
                if (!loaded.Any(c => c.Type.StartsWith(component.TypePrefix, StringComparison.Ordinal) && c.Capabilities.Contains(ActorCapability, StringComparer.Ordinal)))
                {
                    problems.Add($"No actor state store is loaded by the Dapr sidecar of app '{appId}', and {component.NeededFor} need one: add a state store with " +
                        $"metadata actorStateStore: \"true\" scoped to '{appId}' (components/local/{appId}-actorstate.yaml; components/aws/{appId}-actorstate.yaml on AWS).");
                }

                continue;
            }

            var found = loaded.FirstOrDefault(c => c.Name == component.Name);
            if (found is null)
            {
                problems.Add($"The Dapr component '{component.Name}' ({component.KindName}) is not loaded by the sidecar of app '{appId}', and {component.NeededFor} need it: " +
                    $"add components/local/{component.Name}.yaml (components/aws/{component.Name}.yaml on AWS), or add '{appId}' to its scopes.");
            }
            else if (!found.Type.StartsWith(component.TypePrefix, StringComparison.Ordinal))
            {
                problems.Add($"The Dapr component '{component.Name}' is a {found.Type}, but {component.NeededFor} need a {component.KindName} ({component.TypePrefix}*): " +
                    $"fix its type in components/local/{component.Name}.yaml (components/aws/{component.Name}.yaml on AWS).");
            }
        }

        return problems;
    }
}
