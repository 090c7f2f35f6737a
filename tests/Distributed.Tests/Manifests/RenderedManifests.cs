using YamlDotNet.RepresentationModel;

namespace PocTracker.Distributed.Tests.Manifests;

/// <summary>One Kubernetes object of a rendered overlay, with lookups by path (<c>Get(node, "spec", "template")</c>).</summary>
public sealed record KubeObject(string Kind, string Name, string? Namespace, YamlMappingNode Root)
{
    public override string ToString() => $"{Kind} {Name}";

    public YamlNode? this[params string[] path] => Get(Root, path);

    public string? Scalar(params string[] path) => this[path] is YamlScalarNode { Value: { } value } ? value : null;

    public string? Annotation(string key) => Scalar("metadata", "annotations", key);

    /// <summary>A Deployment's or StatefulSet's pod template, a Job's, or a CronJob's job's.</summary>
    public YamlMappingNode? PodTemplate => (Kind == "CronJob" ? this["spec", "jobTemplate", "spec", "template"] : this["spec", "template"]) as YamlMappingNode;

    public bool IsWorkload => Kind is "Deployment" or "StatefulSet";

    /// <summary>Names what <c>scopes</c> lists (a Dapr Component's or Resiliency's apps).</summary>
    public IReadOnlyList<string> Scopes => Root.Children.TryGetValue(new YamlScalarNode("scopes"), out var node) && node is YamlSequenceNode list
        ? [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")]
        : [];

    public static YamlNode? Get(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    public static string? ScalarAt(YamlNode? node, params string[] path) => Get(node, path) is YamlScalarNode { Value: { } value } ? value : null;

    public static IEnumerable<YamlMappingNode> Items(YamlNode? node, params string[] path) =>
        Get(node, path) is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [];

    public static IReadOnlyDictionary<string, string> Map(YamlNode? node, params string[] path) =>
        Get(node, path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (e.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>What <c>kubectl kustomize</c> printed, as objects.</summary>
public sealed class RenderedManifests(IReadOnlyList<KubeObject> objects)
{
    public IReadOnlyList<KubeObject> Objects { get; } = objects;

    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubeObject? Find(string kind, string name) => Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name);

    /// <summary>PocTracker's own workloads (labelled part-of poctracker): a local cluster's PostgreSQL and Redis are not.</summary>
    public IEnumerable<KubeObject> Workloads => Objects.Where(o => o.IsWorkload && o.Scalar("metadata", "labels", "app.kubernetes.io/part-of") == "poctracker");

    /// <summary>The names of the Secrets the overlay makes: its own, and those its ExternalSecrets write.</summary>
    public ISet<string> SecretNames => Objects
        .Where(o => o.Kind == "Secret").Select(o => o.Name)
        .Concat(OfKind("ExternalSecret").Select(o => o.Scalar("spec", "target", "name") ?? o.Name))
        .ToHashSet(StringComparer.Ordinal);

    public static RenderedManifests Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        return new([.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Select(root => new KubeObject(
            KubeObject.ScalarAt(root, "kind") ?? throw new InvalidDataException("an object without kind"),
            KubeObject.ScalarAt(root, "metadata", "name") ?? throw new InvalidDataException("an object without metadata.name"),
            KubeObject.ScalarAt(root, "metadata", "namespace"),
            root))]);
    }
}
