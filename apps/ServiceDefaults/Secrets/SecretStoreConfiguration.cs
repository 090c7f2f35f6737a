using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Configuration;

namespace PocTracker.ServiceDefaults.Secrets;

/// <summary>
/// Every secret this app may read from a Dapr secret store, as configuration: read once at start, after
/// waiting (at most <see cref="SidecarTimeout"/>) for the sidecar to be up. Dapr's own secret scoping
/// (a Configuration's <c>secrets.scopes</c>) decides which secrets "every" is.
/// </summary>
public sealed class SecretStoreConfigurationSource : IConfigurationSource
{
    /// <summary>Makes the client the secrets are read with (a test substitutes one).</summary>
    public required Func<DaprClient> CreateClient { get; init; }

    public required string StoreName { get; init; }

    public required TimeSpan SidecarTimeout { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretStoreConfigurationProvider(this);
}

/// <summary>
/// Turns secret names into configuration keys: <c>ConnectionStrings:pocs</c> stays as it is (the local file
/// store's nested JSON, flattened with its default separator <c>:</c>), while <c>ConnectionStrings/pocs</c>
/// (an SSM Parameter Store hierarchy; SSM names cannot hold <c>:</c>) and <c>ConnectionStrings__pocs</c> (the
/// environment's convention) become it too. A store that gives a secret several values (multi-valued) gives
/// <c>{name}:{key}</c> for each.
/// </summary>
/// <exception cref="SecretStoreUnavailableException">The sidecar did not come up in time, or the store could not be read.</exception>
internal sealed class SecretStoreConfigurationProvider(SecretStoreConfigurationSource source) : ConfigurationProvider
{
    // Configuration providers load synchronously; this runs once, before the host (and any
    // synchronisation context) exists.
    public override void Load() => Data = ReadAsync().GetAwaiter().GetResult();

    internal static string ConfigurationKey(string secretName) =>
        secretName.Trim('/').Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)
            .Replace("/", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    private async Task<Dictionary<string, string?>> ReadAsync()
    {
        using var client = source.CreateClient();
        using (var waiting = new CancellationTokenSource(source.SidecarTimeout, source.TimeProvider))
        {
            try
            {
                await client.WaitForSidecarAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (waiting.IsCancellationRequested)
            {
                throw new SecretStoreUnavailableException(
                    $"the Dapr sidecar did not answer within {source.SidecarTimeout.TotalSeconds:0.#} s (Dapr:SidecarTimeout), so secret store '{source.StoreName}' could not be read.");
            }
        }

        Dictionary<string, Dictionary<string, string>> secrets;
        using (var reading = new CancellationTokenSource(source.SidecarTimeout, source.TimeProvider))
        {
            try
            {
                secrets = await client.GetBulkSecretAsync(source.StoreName, cancellationToken: reading.Token);
            }
            catch (Exception e) when (e is DaprException or OperationCanceledException)
            {
                // The innermost message is the sidecar's (e.g. "secret store secretstore not found"); it never holds a value.
                throw new SecretStoreUnavailableException(
                    $"secret store '{source.StoreName}' could not be read through the Dapr sidecar (is the component loaded and scoped to this app?): {e.GetBaseException().Message}", e);
            }
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in secrets)
        {
            foreach (var (key, value) in values)
            {
                var configurationKey = values.Count == 1 && key == name ? name : name + ConfigurationPath.KeyDelimiter + key;
                data[ConfigurationKey(configurationKey)] = value;
            }
        }

        return data;
    }
}
