using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.Distributed.Tests.Topology;

/// <summary>
/// dapr.yaml, the component files and the apps' code agree (issue 14, item 7): what the Dapr runtime would only
/// find at start-up, or on the first event, is found here.
/// </summary>
public sealed class TopologyTests
{
    /// <summary>The repository's dapr.yaml and components/ (a theory, so a second topology could be added).</summary>
    public static TheoryData<string> Repository => [Topologies.Repository];

    [Theory]
    [MemberData(nameof(Repository))]
    public void Both_component_folders_hold_the_same_resources_with_the_same_kinds_and_scopes(string topology)
    {
        var files = Topologies.Read(topology);

        static IEnumerable<string> Shape(IEnumerable<DaprResource> resources) => resources
            .Select(r => $"{r.Kind} {r.Name}: {r.BuildingBlock}{(r.IsActorStateStore ? " (actor state store)" : "")}, scopes [{string.Join(", ", r.Scopes.Order(StringComparer.Ordinal))}]")
            .Order(StringComparer.Ordinal);

        Assert.NotEmpty(files.Local);
        Assert.Equal(Shape(files.Local), Shape(files.Aws));
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Each_component_name_is_used_once_per_folder(string topology)
    {
        foreach (var (folder, resources) in Topologies.Read(topology).Folders)
        {
            var repeated = resources.GroupBy(r => (r.Kind, r.Name)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Name} ({string.Join(", ", g.Select(r => r.File))})");
            Assert.True(!repeated.Any(), $"{folder}: {string.Join("; ", repeated)}");
        }
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Every_app_has_a_port_of_its_own(string topology)
    {
        var apps = Topologies.Read(topology).Apps;

        Assert.All(apps, app => Assert.True(app.AppPort is > 0, $"{app.AppId} has no appPort"));
        var ports = apps.SelectMany(app => new[] { app.AppPort, app.MetricsPort }.OfType<int>().Concat(app.DaprPorts).Select(port => (app.AppId, port)));
        var shared = ports.GroupBy(p => p.port).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.AppId))}");
        Assert.True(!shared.Any(), "ports used twice: " + string.Join("; ", shared));
        Assert.Equal(apps.Count, apps.Select(a => a.AppId).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Either_every_app_has_a_metrics_port_of_its_own_or_none_has(string topology)
    {
        var apps = Topologies.Read(topology).Apps;

        var withMetrics = apps.Where(a => a.MetricsPort is not null).Select(a => a.AppId).ToList();
        Assert.True(withMetrics.Count == 0 || withMetrics.Count == apps.Count,
            $"Only {string.Join(", ", withMetrics)} set Metrics__Port: the others serve no /metrics.");
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Every_app_in_dapr_yaml_is_an_app_whose_code_the_checks_read(string topology)
    {
        Assert.All(Topologies.Read(topology).Apps, app => Assert.True(AppsRequirements.IsKnown(app.AppId),
            $"{app.AppId} is in dapr.yaml but not in AppsRequirements: add what its Program adds, so its components are checked."));
    }

    [Fact]
    public void Every_app_in_dapr_yaml_is_a_project_of_the_solution()
    {
        var files = Topologies.Read(Topologies.Repository);
        var solution = File.ReadAllText(Path.Combine(files.Root, "PocTracker.sln"));

        Assert.All(files.Apps, app =>
        {
            var folder = Path.GetFullPath(Path.Combine(files.Root, app.AppDirPath));
            var project = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csproj").SingleOrDefault() : null;
            Assert.True(project is not null, $"{app.AppId}: appDirPath {app.AppDirPath} holds no project");
            Assert.Contains(Path.GetRelativePath(files.Root, project).Replace('/', '\\'), solution, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Every_pub_sub_component_is_scoped(string topology)
    {
        foreach (var (folder, resources) in Topologies.Read(topology).Folders)
        {
            Assert.All(resources.Where(r => r.IsPubSub), pubsub => Assert.True(pubsub.Scopes.Count > 0,
                $"{folder}/{pubsub.File}: pub/sub '{pubsub.Name}' has no scopes, so every app's sidecar subscribes to it and may publish on it."));
        }
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Every_component_an_apps_code_needs_is_in_both_folders_of_its_kind_and_scoped_to_the_app(string topology)
    {
        var files = Topologies.Read(topology);
        foreach (var app in files.Apps)
        {
            foreach (var component in AppsRequirements.Of(app.AppId).Where(c => c.Name is not null))
            {
                foreach (var (folder, resources) in files.Folders)
                {
                    var found = resources.SingleOrDefault(r => r.Kind == "Component" && r.Name == component.Name);
                    Assert.True(found is not null, $"{folder}/{component.Name}.yaml: missing; {app.AppId} needs a {component.KindName} of that name for {component.NeededFor}.");
                    Assert.True(found.Type?.StartsWith(component.TypePrefix, StringComparison.Ordinal) == true,
                        $"{folder}/{found.File}: '{component.Name}' is a {found.Type}, but {app.AppId} needs a {component.KindName} ({component.TypePrefix}*) for {component.NeededFor}.");
                    Assert.True(found.IsScopedTo(app.AppId), $"{folder}/{found.File}: '{component.Name}' is not scoped to {app.AppId}, which needs it for {component.NeededFor}.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Repository))]
    public void Each_app_that_runs_actors_has_exactly_one_actor_state_store_scoped_to_it_and_no_other_app_has_one(string topology)
    {
        var files = Topologies.Read(topology);
        foreach (var app in files.Apps)
        {
            var needsOne = AppsRequirements.Of(app.AppId).Any(c => c.Kind == DaprComponentKind.ActorStateStore);
            foreach (var (folder, resources) in files.Folders)
            {
                var stores = resources.Where(r => r.IsActorStateStore && r.IsScopedTo(app.AppId)).Select(r => r.Name).ToList();
                Assert.True(stores.Count == (needsOne ? 1 : 0),
                    $"{folder}: {app.AppId} {(needsOne ? "runs actors or workflows and needs exactly one" : "runs no actors and needs no")} actor state store scoped to it; it has [{string.Join(", ", stores)}].");
            }
        }

        // Dapr takes one actor state store per sidecar: an unscoped one would be every app's.
        Assert.All(files.Folders.SelectMany(f => f.Resources).Where(r => r.IsActorStateStore), store => Assert.NotEmpty(store.Scopes));
    }
}
