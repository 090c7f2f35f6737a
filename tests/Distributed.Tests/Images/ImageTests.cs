using System.Globalization;
using PocTracker.Distributed.Tests.Topology;
using YamlDotNet.RepresentationModel;

namespace PocTracker.Distributed.Tests.Images;

/// <summary>
/// What can be checked of the container images without a Docker engine (docs/deployment.md, "Images"): every app
/// of dapr.yaml has an image definition, rootless, on the container ports, with what its code needs from the
/// machine; and images.yml builds exactly those apps, each the way its definition says.
/// </summary>
public sealed class ImageTests
{
    /// <summary>
    /// What an app's code needs from the machine, found in its folder, and the Debian package that provides it: the
    /// SDK's container build cannot install one, so an app that needs any is built from a Dockerfile that does.
    /// </summary>
    private static readonly (string What, Func<string, bool> Uses, string Package)[] MachineNeeds =
    [
        ("loads DejaVu from /usr/share/fonts/truetype/dejavu", folder => SourceMentions(folder, "/usr/share/fonts/truetype/dejavu"), "fonts-dejavu-core"),
        ("loads Inter from /usr/share/fonts/opentype/inter", folder => SourceMentions(folder, "/usr/share/fonts/opentype/inter"), "fonts-inter"),
        ("runs espeak-ng", folder => SourceMentions(folder, "\"espeak-ng\""), "espeak-ng"),
        ("runs ffmpeg through FFMpegCore", folder => ProjectReferences(folder, "FFMpegCore"), "ffmpeg"),
        ("loads SkiaSharp's native library, which links libfontconfig", folder => ProjectReferences(folder, "SkiaSharp.NativeAssets.Linux"), "libfontconfig1"),
    ];

    private static readonly Lazy<IReadOnlyList<AppImage>> Images = new(() => [.. Topologies.Read(Topologies.Repository).Apps.Select(AppImage.Read)]);

    private static readonly string ImagesWorkflow = Path.Combine(Topologies.RepositoryRoot, ".github", "workflows", "images.yml");

    private static readonly string DeployWorkflow = Path.Combine(Topologies.RepositoryRoot, ".github", "workflows", "deploy-environment.yml");

    [Fact]
    public void Every_app_is_built_either_by_the_sdk_into_its_ecr_repository_or_from_its_dockerfile()
    {
        Assert.NotEmpty(Images.Value);
        foreach (var image in Images.Value)
        {
            if (image.Dockerfile is not null)
            {
                // Two definitions would be two different images under one name; PublishContainer is refused instead.
                Assert.True(string.Equals(image.Property("EnableSdkContainerSupport"), "false", StringComparison.OrdinalIgnoreCase),
                    $"{image.App.AppId}: built from {image.Dockerfile.Path}, so its project sets EnableSdkContainerSupport to false");
            }
            else
            {
                Assert.Equal($"poctracker/{image.App.AppId}", image.Property("ContainerRepository"));
            }
        }
    }

    [Fact]
    public void Sdk_built_images_are_chiseled_with_culture_data_rootless_and_on_the_container_ports()
    {
        var sdkBuilt = Images.Value.Where(i => i.Dockerfile is null).ToList();
        Assert.NotEmpty(sdkBuilt);
        foreach (var image in sdkBuilt)
        {
            var id = image.App.AppId;
            var baseImage = image.Property("ContainerBaseImage");
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0-", baseImage, StringComparison.Ordinal);
            Assert.Contains("-chiseled", baseImage, StringComparison.Ordinal);
            // Without invariant globalization .NET refuses to start where ICU is missing: the chiseled image must be -extra.
            if (!string.Equals(image.Property("InvariantGlobalization"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(baseImage.EndsWith("-extra", StringComparison.Ordinal), $"{id}: culture data (ICU) needs a chiseled -extra image, not {baseImage}");
            }

            AssertRootless(id, image.Property("ContainerUser"));
            var ports = image.Item("ContainerPort").Select(p => p.Identity).ToList();
            Assert.True(ports.Contains("8080") && ports.Contains("9464"), $"{id}: container ports {string.Join(", ", ports)}");
            var environment = image.Item("ContainerEnvironmentVariable").ToDictionary(e => e.Identity, e => e.Value, StringComparer.Ordinal);
            Assert.Equal("8080", environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS"));
            Assert.Equal("9464", environment.GetValueOrDefault("Metrics__Port"));
            Assert.Contains(image.Item("ContainerLabel"), l => l.Value == "9464" && l.Identity.EndsWith("metrics-port", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Dockerfiles_run_the_app_rootless_on_the_container_ports()
    {
        var fromDockerfiles = Images.Value.Where(i => i.Dockerfile is not null).ToList();
        Assert.NotEmpty(fromDockerfiles);
        foreach (var image in fromDockerfiles)
        {
            var id = image.App.AppId;
            var dockerfile = image.Dockerfile!;
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.FinalBaseImage, StringComparison.Ordinal);
            AssertRootless(id, dockerfile.User);
            Assert.Equal("8080", dockerfile.Environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS"));
            Assert.Equal("9464", dockerfile.Environment.GetValueOrDefault("Metrics__Port"));
            Assert.Contains(dockerfile.Final, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains("9464"));
            Assert.Contains(dockerfile.Final, i => i.Keyword == "LABEL" && i.Arguments.Contains("metrics-port=\"9464\"", StringComparison.Ordinal));
            // Exec form, the app's own assembly: the Jobs' arguments (migrate) reach the app, not a shell.
            var entrypoint = Assert.Single(dockerfile.Final, i => i.Keyword == "ENTRYPOINT");
            Assert.Equal($"[\"dotnet\", \"/app/{image.Property("AssemblyName")}.dll\"]", entrypoint.Arguments);
            Assert.Contains(dockerfile.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet publish apps/{image.Name}/{image.Name}.csproj", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Each_image_installs_what_its_code_needs_from_the_machine()
    {
        var found = 0;
        foreach (var image in Images.Value)
        {
            var needs = MachineNeeds.Where(n => n.Uses(image.Folder)).ToList();
            found += needs.Count;
            if (needs.Count == 0)
            {
                continue;
            }

            Assert.True(image.Dockerfile is not null,
                $"{image.App.AppId} {string.Join(", ", needs.Select(n => n.What))}: the SDK's container build cannot install " +
                $"{string.Join(", ", needs.Select(n => n.Package))}; give it a Dockerfile that does (docs/deployment.md, \"Images\")");
            var missing = needs.Where(n => !image.Dockerfile.InstalledPackages.Contains(n.Package)).Select(n => $"{n.Package} ({n.What})").ToList();
            Assert.True(missing.Count == 0, $"{image.Dockerfile.Path} does not install {string.Join(", ", missing)}");
        }

        // The scan itself works: the PDF and the film need fonts, and the film ffmpeg and espeak-ng.
        Assert.True(found >= MachineNeeds.Length, $"only {found} needs found in the apps' code");
    }

    [Fact]
    public void The_images_workflow_builds_exactly_the_apps_of_dapr_yaml_each_as_its_definition_says()
    {
        using var reader = new StreamReader(ImagesWorkflow);
        var workflow = new YamlStream();
        workflow.Load(reader);
        var root = (YamlMappingNode)workflow.Documents[0].RootNode;
        var image = (YamlMappingNode)((YamlMappingNode)root["jobs"])["image"];
        var include = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)image["strategy"])["matrix"])["include"];
        var entries = include.Children.Cast<YamlMappingNode>()
            .Select(e => e.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal))
            .ToList();

        Assert.Equal(Images.Value.Select(i => i.App.AppId).Order(StringComparer.Ordinal), entries.Select(e => e["app"]).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            var definition = Images.Value.Single(i => i.App.AppId == entry["app"]);
            var relative = Path.GetRelativePath(Topologies.RepositoryRoot, definition.Folder).Replace('\\', '/');
            if (definition.Dockerfile is not null)
            {
                Assert.Equal("dockerfile", entry["build"]);
                Assert.Equal($"{relative}/Dockerfile", entry["dockerfile"]);
            }
            else
            {
                Assert.Equal("sdk", entry["build"]);
                Assert.Equal($"{relative}/{definition.Name}.csproj", entry["project"]);
            }
        }
    }

    [Fact]
    public void The_deploy_workflow_sets_the_image_of_and_rolls_out_every_app_and_migrates_those_with_a_database()
    {
        using var reader = new StreamReader(DeployWorkflow);
        var workflow = new YamlStream();
        workflow.Load(reader);
        var env = (YamlMappingNode)((YamlMappingNode)workflow.Documents[0].RootNode)["env"];
        string[] Words(string key) => ((YamlScalarNode)env[key]).Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Images.Value.Select(i => i.App.AppId).Order(StringComparer.Ordinal), Words("APPS").Order(StringComparer.Ordinal));
        // An app with a database has migration scripts (Migrations/); its image's `migrate` runs them as <app>-migrate.
        Assert.Equal(
            Images.Value.Where(i => Directory.Exists(Path.Combine(i.Folder, "Migrations"))).Select(i => i.App.AppId).Order(StringComparer.Ordinal),
            Words("MIGRATING_APPS").Order(StringComparer.Ordinal));
    }

    private static void AssertRootless(string appId, string? user)
    {
        // A number: Kubernetes' runAsNonRoot can only verify a numeric user.
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0,
            $"{appId}: runs as '{user ?? "root"}', not a numeric non-root user");
    }

    private static IEnumerable<string> SourceFiles(string folder) => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool SourceMentions(string folder, string text) => SourceFiles(folder).Any(f => File.ReadAllText(f).Contains(text, StringComparison.Ordinal));

    private static bool ProjectReferences(string folder, string package) => Directory.EnumerateFiles(folder, "*.csproj")
        .Any(p => File.ReadAllText(p).Contains($"<PackageReference Include=\"{package}\"", StringComparison.Ordinal));
}
