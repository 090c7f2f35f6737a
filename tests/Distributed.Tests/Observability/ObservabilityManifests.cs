using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace PocTracker.Distributed.Tests.Observability;

/// <summary>One alert of a PrometheusRule: its name, expression, labels and annotations.</summary>
public sealed record PrometheusAlert(string Name, string Expression, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>One Grafana dashboard shipped in a ConfigMap: the file's name (<c>&lt;app&gt;.json</c>) and its text.</summary>
public sealed record GrafanaDashboard(string ConfigMap, string FileName, string Json)
{
    public string App => Path.GetFileNameWithoutExtension(FileName);
}

/// <summary>
/// <c>manifests/observability</c> as <c>kubectl kustomize</c> renders it: the alerts of its PrometheusRules, the
/// dashboards of its ConfigMaps labelled <c>grafana_dashboard: "1"</c>, and every document's kind.
/// </summary>
public sealed class ObservabilityManifests
{
    public const string Folder = "manifests/observability";

    private ObservabilityManifests(IReadOnlyList<YamlMappingNode> documents)
    {
        Kinds = [.. documents.Select(d => Scalar(d, "kind") ?? "")];
        Alerts = [.. documents.Where(d => Scalar(d, "kind") == "PrometheusRule").SelectMany(ReadAlerts)];
        Dashboards = [.. documents.Where(IsDashboardConfigMap).SelectMany(ReadDashboards)];
    }

    public IReadOnlyList<string> Kinds { get; }

    public IReadOnlyList<PrometheusAlert> Alerts { get; }

    public IReadOnlyList<GrafanaDashboard> Dashboards { get; }

    /// <summary>Renders the folder with kubectl (on the PATH, or /usr/bin/kubectl) and reads the result.</summary>
    public static ObservabilityManifests Render(string repositoryRoot)
    {
        var kubectl = File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl" : "kubectl";
        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(repositoryRoot, Folder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {Folder} failed ({process.ExitCode}): {error.Result}");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return new ObservabilityManifests([.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()]);
    }

    private static IEnumerable<PrometheusAlert> ReadAlerts(YamlMappingNode rule)
    {
        var groups = Node(Node(rule, "spec") as YamlMappingNode, "groups") as YamlSequenceNode;
        foreach (var group in groups?.Children.OfType<YamlMappingNode>() ?? [])
        {
            foreach (var entry in (Node(group, "rules") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
            {
                if (Scalar(entry, "alert") is { } name)
                {
                    yield return new PrometheusAlert(name, Scalar(entry, "expr") ?? "", Map(Node(entry, "labels")), Map(Node(entry, "annotations")));
                }
            }
        }
    }

    private static bool IsDashboardConfigMap(YamlMappingNode document) =>
        Scalar(document, "kind") == "ConfigMap" && Map(Node(Node(document, "metadata") as YamlMappingNode, "labels")).GetValueOrDefault("grafana_dashboard") == "1";

    private static IEnumerable<GrafanaDashboard> ReadDashboards(YamlMappingNode configMap)
    {
        var name = Scalar(Node(configMap, "metadata") as YamlMappingNode, "name") ?? "";
        return Map(Node(configMap, "data")).Select(file => new GrafanaDashboard(name, file.Key, file.Value));
    }

    private static YamlNode? Node(YamlMappingNode? mapping, string key) =>
        mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode? mapping, string key) => (Node(mapping, key) as YamlScalarNode)?.Value;

    private static Dictionary<string, string> Map(YamlNode? node) =>
        (node as YamlMappingNode)?.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (e.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The PromQL of every panel target of a dashboard; throws when the text is not a dashboard's JSON.</summary>
    public static IReadOnlyList<(string Panel, string Expression)> PanelExpressions(GrafanaDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        using var json = JsonDocument.Parse(dashboard.Json);
        var expressions = new List<(string, string)>();
        foreach (var panel in json.RootElement.GetProperty("panels").EnumerateArray())
        {
            var title = panel.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            foreach (var target in panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : default)
            {
                expressions.Add((title, target.TryGetProperty("expr", out var expr) ? expr.GetString() ?? "" : ""));
            }
        }

        return expressions;
    }
}
