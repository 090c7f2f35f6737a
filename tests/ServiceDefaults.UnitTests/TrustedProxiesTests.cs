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
}
