using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using PocTracker.Infra;

[assembly: AssemblyFixture(typeof(PocTracker.Infra.Tests.SynthesisedApp))]

// jsii talks to one node process over one pipe and is not safe for calls from several threads at once: the
// Template assertions would deadlock when test classes ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PocTracker.Infra.Tests;

/// <summary>
/// The whole CDK app synthesised once for every test (jsii starts a node process: seconds), offline, with placeholder
/// account and repository values and no context lookups. Each stack as an assertions Template and as its JSON.
/// </summary>
public sealed class SynthesisedApp : IDisposable
{
    public const string Account = "111111111111";

    public const string GitHubRepository = "acme/poctracker";

    public const string PublicHost = "poctracker.example.com";

    public PocTrackerStacks Stacks { get; }

    /// <summary>Context the app asked for and did not get (an AZ or AMI lookup would land here): there must be none.</summary>
    public IReadOnlyList<string> MissingContext { get; }

    private readonly Dictionary<string, Template> templates = new(StringComparer.Ordinal);

    private readonly Dictionary<string, JsonElement> json = new(StringComparer.Ordinal);

    private readonly DirectoryInfo outdir = Directory.CreateTempSubdirectory("poctracker-cdk-");

    public SynthesisedApp()
    {
        var app = new App(new AppProps
        {
            Outdir = outdir.FullName,
            Context = new Dictionary<string, object> { ["account"] = Account, ["githubRepository"] = GitHubRepository, ["alarmEmail"] = "ops@example.com", ["publicHost"] = PublicHost },
        });
        Stacks = PocTrackerStacks.Create(app, DeploymentSettings.From(app));
        var assembly = app.Synth();
        MissingContext = [.. (assembly.Manifest.Missing ?? []).Select(m => m.Key)];
        foreach (var stack in new Stack[] { Stacks.Network, Stacks.Data, Stacks.Messaging, Stacks.Registry, Stacks.Cluster, Stacks.Alarms })
        {
            var artifact = assembly.GetStackByName(stack.StackName);
            using var document = JsonDocument.Parse(File.ReadAllText(artifact.TemplateFullPath));
            json[stack.StackName] = document.RootElement.Clone();
            templates[stack.StackName] = Amazon.CDK.Assertions.Template.FromJSON(ToDictionary(json[stack.StackName]));
        }
    }

    /// <summary>The cloud assembly is read into memory: its folder goes when the run ends.</summary>
    public void Dispose() => outdir.Delete(recursive: true);

    public Template Template(Stack stack) => templates[stack.StackName];

    public JsonElement Json(Stack stack) => json[stack.StackName];

    /// <summary>The resources of one type: logical id and properties.</summary>
    public IEnumerable<(string Id, JsonElement Properties)> Resources(Stack stack, string type) =>
        Json(stack).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value.TryGetProperty("Properties", out var p) ? p : default));

    private static Dictionary<string, object> ToDictionary(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)!, StringComparer.Ordinal);

    private static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
