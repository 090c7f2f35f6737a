using System.Globalization;
using PocTracker.Contracts.Apps;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.Gateway;

/// <summary>
/// Where the gateway sends requests (docs/gateway.md, "Settings"). Under a Dapr sidecar (the rule every app
/// uses: <see cref="DaprSettings"/>) every app route goes to the sidecar's HTTP port
/// (<c>DAPR_HTTP_PORT</c>, 3500 unless set) with <c>DAPR_API_TOKEN</c> when set; without one, to
/// <c>Gateway:Apps:{appId}</c>. The dojo hub always goes to <c>Gateway:DojoHub:Destinations</c> (a list),
/// else to <c>Gateway:Apps:dojo</c>. <see cref="Problems"/> lists what is missing or malformed, and the
/// gateway refuses to start with any (<see cref="GatewaySettingsCheck"/>).
/// </summary>
public sealed record GatewaySettings(
    Uri? Sidecar,
    string? DaprApiToken,
    IReadOnlyDictionary<string, Uri> Apps,
    IReadOnlyList<Uri> DojoHubDestinations,
    TimeSpan ActivityTimeout,
    TimeSpan ConnectTimeout,
    IReadOnlyList<string> Problems)
{
    /// <summary>YARP's own default: how long a request may wait for the app's next bytes (headers or body).</summary>
    public static readonly TimeSpan DefaultActivityTimeout = TimeSpan.FromSeconds(100);

    /// <summary>A replica that is gone may drop packets rather than refuse them: give up connecting after this.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether the app routes go through Dapr service invocation.</summary>
    public bool ThroughSidecar => Sidecar is not null;

    public static GatewaySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var section = configuration.GetSection("Gateway");

        Uri? sidecar = null;
        if (DaprSettings.From(configuration).SidecarConfigured)
        {
            var port = configuration["DAPR_HTTP_PORT"] is { Length: > 0 } configured ? configured : "3500";
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535)
            {
                sidecar = new Uri($"http://127.0.0.1:{number}/");
            }
            else
            {
                problems.Add($"DAPR_HTTP_PORT must be a TCP port (1-65535); it is '{port}'.");
            }
        }

        var apps = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var appId in GatewayRoutes.All.Select(r => r.AppId).Distinct())
        {
            if (Address(section, $"Apps:{appId}", problems) is { } address)
            {
                apps[appId] = address;
            }
            else if (sidecar is null)
            {
                problems.Add($"Gateway:Apps:{appId} is not set: without a Dapr sidecar the gateway needs each app's base address (e.g. http://127.0.0.1:5101).");
            }
        }

        var hub = section.GetSection("DojoHub:Destinations").GetChildren()
            .Select(child => Address(section, $"DojoHub:Destinations:{child.Key}", problems))
            .OfType<Uri>().ToList();
        if (hub.Count == 0 && apps.TryGetValue(AppIds.Dojo, out var dojo))
        {
            hub.Add(dojo);
        }

        if (hub.Count == 0 && !problems.Any(p => p.StartsWith("Gateway:Apps:dojo", StringComparison.Ordinal)))
        {
            problems.Add("Gateway:DojoHub:Destinations (or Gateway:Apps:dojo) is not set: the dojo hub's WebSockets go straight to the dojo app, never through Dapr.");
        }

        return new GatewaySettings(
            sidecar,
            configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null,
            apps,
            hub,
            Positive(section, "ActivityTimeout", DefaultActivityTimeout, problems),
            Positive(section, "ConnectTimeout", DefaultConnectTimeout, problems),
            problems);
    }

    private static Uri? Address(IConfigurationSection section, string key, List<string> problems)
    {
        if (section[key] is not { Length: > 0 } value)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.PathAndQuery == "/")
        {
            return uri;
        }

        problems.Add($"Gateway:{key} must be an http(s) base address without a path (e.g. http://127.0.0.1:5101); it is '{value}'.");
        return null;
    }

    private static TimeSpan Positive(IConfigurationSection section, string key, TimeSpan defaultValue, List<string> problems)
    {
        if (section[key] is not { Length: > 0 } value)
        {
            return defaultValue;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
        {
            return parsed;
        }

        problems.Add($"Gateway:{key} must be a positive time span (e.g. 00:01:40); it is '{value}'.");
        return defaultValue;
    }
}
