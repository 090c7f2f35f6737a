using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PocTracker.Contracts.Apps;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>
/// The gateway on a loopback port in front of stand-ins: one per app (no sidecar) or one stand-in sidecar
/// (<see cref="Sidecar"/>), and two dojo replicas for the hub in both. Built from the gateway's real host
/// (<see cref="GatewayHost"/>), configured the way a deployment configures it.
/// </summary>
public sealed class Topology : IAsyncDisposable
{
    public const string DaprApiToken = "the-sidecars-api-token";

    private readonly List<StandIn> standIns = [];
    private WebApplication? gateway;

    private Topology(bool throughSidecar) => ThroughSidecar = throughSidecar;

    public bool ThroughSidecar { get; }

    /// <summary>The app stand-ins by app id (without a sidecar).</summary>
    public Dictionary<string, StandIn> Apps { get; } = [];

    /// <summary>The stand-in sidecar (under a sidecar).</summary>
    public StandIn? Sidecar { get; private set; }

    public IReadOnlyList<StandIn> DojoReplicas { get; private set; } = [];

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>Starts the stand-ins and the gateway; <paramref name="settings"/> may add or override settings (a null value removes one).</summary>
    public static async Task<Topology> StartAsync(bool throughSidecar, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var topology = new Topology(throughSidecar);
        var configuration = new Dictionary<string, string?>();
        if (throughSidecar)
        {
            topology.Sidecar = await topology.StandInAsync("sidecar");
            configuration["DAPR_HTTP_PORT"] = topology.Sidecar.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            configuration["DAPR_API_TOKEN"] = DaprApiToken;
        }
        else
        {
            foreach (var appId in new[] { AppIds.Identity, AppIds.Pocs, AppIds.Reports, AppIds.Video, AppIds.Dojo })
            {
                var standIn = await topology.StandInAsync(appId);
                topology.Apps[appId] = standIn;
                configuration[$"Gateway:Apps:{appId}"] = standIn.BaseAddress.ToString();
            }
        }

        topology.DojoReplicas = [await topology.StandInAsync("dojo-1"), await topology.StandInAsync("dojo-2")];
        for (var i = 0; i < topology.DojoReplicas.Count; i++)
        {
            configuration[$"Gateway:DojoHub:Destinations:{i}"] = topology.DojoReplicas[i].BaseAddress.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        topology.gateway = StartGateway(configuration);
        await topology.gateway.StartAsync();
        topology.BaseAddress = new Uri(topology.gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        topology.Client.BaseAddress = topology.BaseAddress;
        return topology;
    }

    /// <summary>The gateway's host with exactly these settings (and none from the environment that a test did not give).</summary>
    public static WebApplication StartGateway(IReadOnlyDictionary<string, string?> configuration, int port = 0)
    {
        var args = new List<string> { "--urls", $"http://127.0.0.1:{port}", "--Dapr:Enabled", configuration.ContainsKey("DAPR_HTTP_PORT") ? "true" : "false" };
        foreach (var (key, value) in configuration)
        {
            if (value is not null)
            {
                args.Add($"--{key}");
                args.Add(value);
            }
        }

        return GatewayHost.Build([.. args]);
    }

    /// <summary>The stand-in that receives requests for <paramref name="appId"/>'s routes.</summary>
    public StandIn Receiver(string appId) => ThroughSidecar ? Sidecar! : Apps[appId];

    /// <summary>A loopback port nothing listens on (to find a dead app there, or to start something on it).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (gateway is not null)
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }

        foreach (var standIn in standIns)
        {
            await standIn.DisposeAsync();
        }
    }

    private async Task<StandIn> StandInAsync(string name)
    {
        var standIn = await StandIn.StartAsync(name);
        standIns.Add(standIn);
        return standIn;
    }
}
