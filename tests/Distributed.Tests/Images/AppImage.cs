using System.Text.Json;
using PocTracker.Distributed.Tests.Tools;
using PocTracker.Distributed.Tests.Topology;

namespace PocTracker.Distributed.Tests.Images;

/// <summary>
/// How one app of dapr.yaml becomes a container image: from its Dockerfile (<see cref="Dockerfile"/>, when
/// apps/&lt;App&gt;/Dockerfile exists) or with the SDK's container build, whose settings are MSBuild's evaluation of the
/// project (apps/Directory.Build.props and the project's own), read with <c>dotnet msbuild -getProperty/-getItem</c>.
/// </summary>
internal sealed record AppImage(DaprApp App, string Folder, string Project, Dockerfile? Dockerfile, IReadOnlyDictionary<string, string> Properties, IReadOnlyDictionary<string, IReadOnlyList<(string Identity, string? Value)>> Items)
{
    public static readonly string[] PropertyNames =
        ["ContainerRepository", "ContainerBaseImage", "ContainerUser", "EnableSdkContainerSupport", "InvariantGlobalization", "AssemblyName"];

    public static readonly string[] ItemNames = ["ContainerPort", "ContainerEnvironmentVariable", "ContainerLabel"];

    /// <summary>The app's folder name (apps/Video → "Video"), which is also its project's and assembly's.</summary>
    public string Name => Path.GetFileName(Folder);

    public string Property(string name) => Properties.TryGetValue(name, out var value) ? value : "";

    public IReadOnlyList<(string Identity, string? Value)> Item(string name) => Items.TryGetValue(name, out var values) ? values : [];

    public static AppImage Read(DaprApp app)
    {
        var folder = Path.GetFullPath(Path.Combine(Topologies.RepositoryRoot, app.AppDirPath));
        var project = Path.Combine(folder, Path.GetFileName(folder) + ".csproj");
        Assert.True(File.Exists(project), $"{app.AppId}: no project {project}");
        var dockerfilePath = Path.Combine(folder, "Dockerfile");

        var arguments = new List<string> { "msbuild", project, "-nologo" };
        arguments.AddRange(PropertyNames.Select(p => $"-getProperty:{p}"));
        arguments.AddRange(ItemNames.Select(i => $"-getItem:{i}"));
        var (exitCode, output, error) = ExternalProcess.Run("dotnet", arguments, folder, "the .NET SDK (dotnet on PATH) evaluates the apps' projects");
        Assert.True(exitCode == 0, $"dotnet msbuild {project} exited {exitCode}: {output}{error}");

        using var evaluation = JsonDocument.Parse(output);
        var properties = evaluation.RootElement.GetProperty(nameof(Properties)).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        var items = evaluation.RootElement.TryGetProperty(nameof(Items), out var itemsElement)
            ? itemsElement.EnumerateObject().ToDictionary(
                i => i.Name,
                i => (IReadOnlyList<(string, string?)>)[.. i.Value.EnumerateArray().Select(e => (e.GetProperty("Identity").GetString()!, e.TryGetProperty("Value", out var v) ? v.GetString() : null))],
                StringComparer.Ordinal)
            : [];

        return new AppImage(app, folder, project, File.Exists(dockerfilePath) ? Dockerfile.Read(dockerfilePath) : null, properties, items);
    }
}
