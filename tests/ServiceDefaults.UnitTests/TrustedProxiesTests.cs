using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PocTracker.ServiceDefaults.Proxies;

namespace PocTracker.ServiceDefaults.UnitTests;

public sealed class TrustedProxiesTests
{
    /// <summary>What the app sees as the client's address for a request from <paramref name="from"/> carrying X-Forwarded-For.</summary>
    private static async Task<string> ClientAddressAsync(Dictionary<string, string?> settings, string from, string forwardedFor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTrustedProxies(builder.Configuration);
        await using var app = builder.Build();
        app.UseTrustedProxies();
        app.Run(context => context.Response.WriteAsync(context.Connection.RemoteIpAddress!.ToString()));
        await app.StartAsync(TestContext.Current.CancellationToken);

        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }, TestContext.Current.CancellationToken);
        return await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Forwarded_addresses_are_believed_from_a_configured_proxy_network_only()
    {
        var vpc = new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/16" };

        Assert.Equal("203.0.113.7", await ClientAddressAsync(vpc, from: "10.0.4.20", forwardedFor: "203.0.113.7"));
        Assert.Equal("198.51.100.9", await ClientAddressAsync(vpc, from: "198.51.100.9", forwardedFor: "203.0.113.7"));
    }

    [Fact]
    public async Task Without_configuration_the_header_is_ignored_even_from_loopback()
    {
        Assert.Equal("127.0.0.1", await ClientAddressAsync([], from: "127.0.0.1", forwardedFor: "203.0.113.7"));
    }

    [Fact]
    public async Task Only_the_hop_the_proxy_appended_counts_not_what_the_client_wrote_before_it()
    {
        var vpc = new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/16" };

        // The client sent "X-Forwarded-For: 1.2.3.4"; the ALB appended the address it saw.
        Assert.Equal("203.0.113.7", await ClientAddressAsync(vpc, from: "10.0.4.20", forwardedFor: "1.2.3.4, 203.0.113.7"));
    }

    /// <summary>The host the app sees for a request from <paramref name="from"/> carrying X-Forwarded-Host.</summary>
    private static async Task<string> HostAsync(Dictionary<string, string?> settings, string from, string forwardedHost)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTrustedProxies(builder.Configuration);
        await using var app = builder.Build();
        app.UseTrustedProxies();
        app.Run(context => context.Response.WriteAsync(context.Request.Host.Value!));
        await app.StartAsync(TestContext.Current.CancellationToken);

        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Host = new HostString("10.0.7.7:5101");
            c.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        }, TestContext.Current.CancellationToken);
        return await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_forwarded_host_is_believed_from_a_proxy_only_when_it_is_an_allowed_public_host()
    {
        var gateway = new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.4.20",
            ["ForwardedHeaders:AllowedHosts:0"] = "app.poctracker.dev",
        };

        Assert.Equal("app.poctracker.dev", await HostAsync(gateway, from: "10.0.4.20", forwardedHost: "app.poctracker.dev"));
        Assert.Equal("10.0.7.7:5101", await HostAsync(gateway, from: "10.0.4.20", forwardedHost: "evil.example"));
        Assert.Equal("10.0.7.7:5101", await HostAsync(gateway, from: "198.51.100.9", forwardedHost: "app.poctracker.dev"));
        Assert.Equal("10.0.7.7:5101", await HostAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.4.20" }, from: "10.0.4.20", forwardedHost: "app.poctracker.dev"));
    }

    [Fact]
    public async Task Under_dapr_the_sidecars_hop_and_the_gateways_are_both_walked_back()
    {
        // The app's own sidecar calls it from loopback; the gateway's sidecar appended its host's address and name
        // after what the gateway set (docs/gateway.md, "Forwarded headers").
        var dapr = new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/16",
            ["ForwardedHeaders:AllowedHosts:0"] = "app.poctracker.dev",
            ["ForwardedHeaders:ForwardLimit"] = "2",
        };

        Assert.Equal("203.0.113.7", await ClientAddressAsync(dapr, from: "127.0.0.1", forwardedFor: "203.0.113.7, 10.0.4.20"));
        Assert.Equal("app.poctracker.dev", await HostAsync(dapr, from: "127.0.0.1", forwardedHost: "app.poctracker.dev, gateway-7d9f-x2"));
    }
}
