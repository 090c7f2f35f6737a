using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Apps;
using PocTracker.Dojo;
using PocTracker.Gateway;
using PocTracker.Identity;
using PocTracker.Pocs;
using PocTracker.Reports;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.Sidecar;
using PocTracker.Video;

namespace PocTracker.Distributed.Tests.Topology;

/// <summary>
/// The Dapr components each app's code needs, read from the app itself: its service collection built as its
/// Program builds it, under a sidecar, and the registry its ports filled (<see cref="RequiredDaprComponents"/>). No list
/// is kept here: a port that starts needing a component says so where it is added, and the checks follow.
/// </summary>
public static class AppsRequirements
{
    /// <summary>Each app id, and what its Program adds to the builder (the key ring needs no component).</summary>
    private static readonly Dictionary<string, Action<WebApplicationBuilder>> Apps = new Dictionary<string, Action<WebApplicationBuilder>>(StringComparer.Ordinal)
    {
        [IdentityModule.AppId] = builder => builder.AddServiceDefaults(IdentityModule.AppId).AddIdentityApp(),
        [PocsModule.AppId] = builder => builder.AddServiceDefaults(PocsModule.AppId).AddPocs(),
        [ReportsModule.AppId] = builder => builder.AddServiceDefaults(ReportsModule.AppId).AddReports(),
        [VideoModule.AppId] = builder => builder.AddServiceDefaults(VideoModule.AppId).AddVideo(),
        [DojoModule.AppId] = builder => builder.AddServiceDefaults(DojoModule.AppId).AddDojo(),
        [AppIds.Gateway] = builder => builder.AddGateway(),
    };

    public static bool IsKnown(string appId) => Apps.ContainsKey(appId);

    public static IReadOnlyList<RequiredDaprComponent> Of(string appId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dapr:Enabled"] = "true",
            ["APP_API_TOKEN"] = "not used: nothing starts",
            ["Identity:Issuer"] = "http://127.0.0.1:5090/",
            ["Gateway:Apps:dojo"] = "http://127.0.0.1:5104/",
        });
        Apps[appId](builder);
        using var services = builder.Services.BuildServiceProvider();
        return RequiredDaprComponents.Of(services);
    }
}
