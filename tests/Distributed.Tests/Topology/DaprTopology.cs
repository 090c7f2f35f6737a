using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PocTracker.Distributed.Tests.Topology;

/// <summary>One app of dapr.yaml: its id, folder, ports, and the environment dapr.yaml gives it.</summary>
public sealed record DaprApp(string AppId, string AppDirPath, int? AppPort, IReadOnlyDictionary<string, string> Env, IReadOnlyList<int> DaprPorts)
{
    /// <summary>The management port that serves /metrics (<c>Metrics__Port</c> in its environment), if it has one.</summary>
    public int? MetricsPort => Env.TryGetValue("Metrics__Port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// One Dapr resource file's document (a Component, a Resiliency, a Configuration…): its kind and name, the building
/// block it is (a component's type up to the first dot: <c>pubsub</c>, <c>state</c>, <c>secretstores</c>; the kind
/// for anything else), its scopes, and whether it is an actor state store.
/// </summary>
public sealed record DaprResource(string File, string Kind, string Name, string? Type, IReadOnlyList<string> Scopes, IReadOnlyDictionary<string, string> Metadata)
{
    public string BuildingBlock => Type is null ? Kind : Type.Split('.')[0];

    public bool IsPubSub => Kind == "Component" && BuildingBlock == "pubsub";

    public bool IsActorStateStore => Kind == "Component" && BuildingBlock == "state" &&
        Metadata.TryGetValue("actorStateStore", out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    public bool IsScopedTo(string appId) => Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>
/// A distributed topology as the files describe it: <c>dapr.yaml</c> under <see cref="Root"/>, and the resources of
/// <c>components/local</c> (a laptop) and <c>components/aws</c>, which must agree.
/// </summary>
public sealed class DaprTopology
{
    private DaprTopology(string root, IReadOnlyList<DaprApp> apps, IReadOnlyList<DaprResource> local, IReadOnlyList<DaprResource> aws)
    {
        Root = root;
        Apps = apps;
        Local = local;
        Aws = aws;
    }

    public string Root { get; }

    public IReadOnlyList<DaprApp> Apps { get; }

    public IReadOnlyList<DaprResource> Local { get; }

    public IReadOnlyList<DaprResource> Aws { get; }

    /// <summary>Both folders, each with the name the failure messages use.</summary>
    public IEnumerable<(string Folder, IReadOnlyList<DaprResource> Resources)> Folders => [("components/local", Local), ("components/aws", Aws)];

    public static DaprTopology Read(string root) =>
        new(root, ReadApps(Path.Combine(root, "dapr.yaml")), ReadResources(Path.Combine(root, "components", "local")), ReadResources(Path.Combine(root, "components", "aws")));

    private static List<DaprApp> ReadApps(string file)
    {
        var document = Documents(file).Single();
        var apps = new List<DaprApp>();
        foreach (var app in ((YamlSequenceNode)document["apps"]).Children.Cast<YamlMappingNode>())
        {
            var env = app.Children.TryGetValue(new YamlScalarNode("env"), out var node) && node is YamlMappingNode mapping
                ? mapping.Children.ToDictionary(e => Scalar(e.Key)!, e => Scalar(e.Value) ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            int? Port(string key) => Scalar(app, key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
            apps.Add(new DaprApp(
                Scalar(app, "appID") ?? throw new InvalidDataException($"{file}: an app without appID"),
                Scalar(app, "appDirPath") ?? "",
                Port("appPort"),
                env,
                [.. new[] { Port("daprHTTPPort"), Port("daprGRPCPort"), Port("daprInternalGRPCPort"), Port("metricsPort") }.OfType<int>()]));
        }

        return apps;
    }

    private static List<DaprResource> ReadResources(string folder)
    {
        var resources = new List<DaprResource>();
        // kustomization.yaml lists the folder's files for manifests/overlays (docs/kubernetes.md); Dapr skips it (not a Dapr kind).
        foreach (var file in Directory.EnumerateFiles(folder)
            .Where(f => (f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)) && Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal))
        {
            foreach (var document in Documents(file))
            {
                var metadata = (YamlMappingNode)document["metadata"];
                var spec = document.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode) ? specNode as YamlMappingNode : null;
                var entries = spec is not null && spec.Children.TryGetValue(new YamlScalarNode("metadata"), out var entriesNode) && entriesNode is YamlSequenceNode list
                    ? list.Children.Cast<YamlMappingNode>().Where(e => Scalar(e, "value") is not null).ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value")!, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                var scopes = document.Children.TryGetValue(new YamlScalarNode("scopes"), out var scopesNode) && scopesNode is YamlSequenceNode sequence
                    ? sequence.Children.Select(s => Scalar(s)!).ToList()
                    : [];
                resources.Add(new DaprResource(
                    Path.GetFileName(file),
                    Scalar(document, "kind") ?? throw new InvalidDataException($"{file}: a document without kind"),
                    Scalar(metadata, "name") ?? throw new InvalidDataException($"{file}: a document without metadata.name"),
                    spec is null ? null : Scalar(spec, "type"),
                    scopes,
                    entries));
            }
        }

        return resources;
    }

    private static List<YamlMappingNode> Documents(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Scalar(value) : null;

    private static string? Scalar(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : null;
}
