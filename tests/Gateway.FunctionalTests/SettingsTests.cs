using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>The gateway refuses to start without the addresses it needs, naming each one.</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task Without_a_sidecar_every_apps_address_is_required()
    {
        await using var gateway = Topology.StartGateway(new Dictionary<string, string?> { ["Gateway:Apps:pocs"] = "http://127.0.0.1:5101" });

        var refused = await Assert.ThrowsAsync<StartupCheckFailedException>(() => gateway.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            ["Gateway:Apps:identity", "Gateway:Apps:reports", "Gateway:Apps:video", "Gateway:Apps:dojo"],
            refused.Problems.Select(p => p.Split(' ')[0]));
    }

    [Fact]
    public async Task Under_a_sidecar_only_the_hubs_destination_is_required_and_addresses_must_be_base_addresses()
    {
        await using var gateway = Topology.StartGateway(new Dictionary<string, string?>
        {
            ["DAPR_HTTP_PORT"] = "3500",
            ["Gateway:Apps:pocs"] = "http://127.0.0.1:5101/api",
        });

        var refused = await Assert.ThrowsAsync<StartupCheckFailedException>(() => gateway.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, refused.Problems.Count);
        Assert.StartsWith("Gateway:Apps:pocs must be an http(s) base address", refused.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Gateway:DojoHub:Destinations (or Gateway:Apps:dojo) is not set", refused.Problems[1], StringComparison.Ordinal);
    }
}
