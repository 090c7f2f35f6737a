using System.Globalization;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace PocTracker.ServiceDefaults.Secrets;

/// <summary>
/// Under a Dapr sidecar an app's secrets (connection strings <c>ConnectionStrings:{app}</c>, <c>{app}-relay</c>,
/// <c>{app}-migrations</c>, <c>APP_API_TOKEN</c>, keys) come from the secret store component
/// <c>Dapr:SecretStore</c> (default <c>secretstore</c>): a git-ignored JSON file on a laptop, SSM Parameter
/// Store on AWS (components/local and components/aws). Without a sidecar nothing is read (Standalone and
/// tests configure their own).
/// </summary>
public static class SecretStoreSetup
{
    public const string StoreNameKey = "Dapr:SecretStore";
    public const string DefaultStoreName = "secretstore";
    public const string SidecarTimeoutKey = "Dapr:SidecarTimeout";

    /// <summary>How long an app waits for its sidecar at start when <see cref="SidecarTimeoutKey"/> is not set.</summary>
    public static readonly TimeSpan DefaultSidecarTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] SidecarAddressKeys = ["DAPR_HTTP_PORT", "DAPR_GRPC_PORT", "DAPR_HTTP_ENDPOINT", "DAPR_GRPC_ENDPOINT"];

    /// <summary>
    /// Call first, right after creating the builder: everything after it (the event bus's APP_API_TOKEN, the
    /// databases' connection strings) reads configuration. The store's values win over the environment's.
    /// When the store cannot be read the app writes one Fatal log line saying why and exits with 1.
    /// </summary>
    public static IHostApplicationBuilder AddSecretStoreConfiguration(this IHostApplicationBuilder builder, string appId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        try
        {
            if (NewSource(builder.Configuration, () => new DaprClientBuilder().Build()) is { } source)
            {
                builder.Configuration.Add(source);
            }
        }
        catch (SecretStoreUnavailableException e)
        {
            RefuseToStart(appId, e.Message);
        }

        return builder;
    }

    /// <summary>
    /// The source for this configuration, or null unless a sidecar's address is configured (<c>DAPR_HTTP_PORT</c>,
    /// <c>DAPR_GRPC_PORT</c>, <c>DAPR_HTTP_ENDPOINT</c> or <c>DAPR_GRPC_ENDPOINT</c>: `dapr run` and Dapr's
    /// Kubernetes injector always set the ports). <c>Dapr:Enabled</c> alone forces Dapr mode without a sidecar to
    /// ask (the tests' Dapr-mode hosts), and <see cref="StoreNameKey"/> set empty turns the store off.
    /// </summary>
    internal static SecretStoreConfigurationSource? NewSource(IConfiguration configuration, Func<DaprClient> createClient)
    {
        if (!SidecarAddressKeys.Any(key => !string.IsNullOrEmpty(configuration[key])) || configuration[StoreNameKey] is { Length: 0 })
        {
            return null;
        }

        var timeout = configuration[SidecarTimeoutKey] is { Length: > 0 } configured
            ? SidecarTimeoutOf(configured)
            : DefaultSidecarTimeout;
        return new SecretStoreConfigurationSource
        {
            CreateClient = createClient,
            StoreName = configuration[StoreNameKey] ?? DefaultStoreName,
            SidecarTimeout = timeout,
        };
    }

    private static TimeSpan SidecarTimeoutOf(string configured) =>
        TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new SecretStoreUnavailableException(
                $"{SidecarTimeoutKey} is '{configured}', which is not a positive duration (hh:mm:ss, e.g. 00:01:00), so the wait for the Dapr sidecar has no limit to keep.");

    // Before the host is built there is no logger yet: one line in the apps' JSON format, then exit, so
    // the sidecar's supervisor (dapr run, Kubernetes) sees a failed start and the log says why.
    private static void RefuseToStart(string appId, string problem)
    {
        using (var log = new LoggerConfiguration()
            .Enrich.WithProperty("App", appId)
            .WriteTo.Console(new RenderedCompactJsonFormatter())
            .CreateLogger())
        {
            log.Fatal("Refusing to start: {Problem:l}", problem);
        }

        Environment.Exit(1);
    }
}
