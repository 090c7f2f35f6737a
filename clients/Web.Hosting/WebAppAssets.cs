using System.Reflection;

namespace PocTracker.Web.Hosting;

/// <summary>Where the host's static web asset manifests are: beside its assembly, named after it.</summary>
public sealed record WebAppAssets(string EndpointsManifest, string DevelopmentManifest)
{
    public static WebAppAssets Of(Assembly host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var folder = Path.GetDirectoryName(host.Location) is { Length: > 0 } location ? location : AppContext.BaseDirectory;
        var name = host.GetName().Name;
        return new WebAppAssets(
            Path.Combine(folder, $"{name}.staticwebassets.endpoints.json"),
            Path.Combine(folder, $"{name}.staticwebassets.runtime.json"));
    }
}
